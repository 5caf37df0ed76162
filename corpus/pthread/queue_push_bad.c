/*
 * A bounded work queue shared by a thread pool. queue_push() returns -1 when
 * the queue is full, but that return happens with the queue mutex still
 * held. Locks are scoped resources: even though the mutex lives in a struct
 * reached through the parameter, it must be unlocked before returning. One
 * finding at the pthread_mutex_lock() call.
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
  pthread_mutex_lock(&q->mu); // expect: connlint-lock-not-released
  if (q->count == QCAP) return -1;
  q->items[(q->head + q->count) % QCAP] = item;
  q->count++;
  pthread_cond_signal(&q->nonempty);
  pthread_mutex_unlock(&q->mu);
  return 0;
}
