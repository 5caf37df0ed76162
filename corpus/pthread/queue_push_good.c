/*
 * The work queue with both push and pop releasing the mutex on every path.
 * pthread_cond_wait() releases and re-acquires the mutex internally, so the
 * lock is held again when it returns and the final unlock balances it.
 */
#include <pthread.h>

#define QCAP 64

struct work_queue {
  pthread_mutex_t mu;
  pthread_cond_t nonempty;
  void *items[QCAP];
  int head, count;
};

int queue_push(struct work_queue *q, void *item) {
  int rc = 0;
  pthread_mutex_lock(&q->mu);
  if (q->count == QCAP) {
    rc = -1;
  } else {
    q->items[(q->head + q->count) % QCAP] = item;
    q->count++;
    pthread_cond_signal(&q->nonempty);
  }
  pthread_mutex_unlock(&q->mu);
  return rc;
}

void *queue_pop(struct work_queue *q) {
  pthread_mutex_lock(&q->mu);
  while (q->count == 0)
    pthread_cond_wait(&q->nonempty, &q->mu);
  void *item = q->items[q->head];
  q->head = (q->head + 1) % QCAP;
  q->count--;
  pthread_mutex_unlock(&q->mu);
  return item;
}
