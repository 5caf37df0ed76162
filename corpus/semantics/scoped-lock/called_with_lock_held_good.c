/*
 * A job queue whose consumer helper is called with q->lock held: it drops
 * the lock while it waits for a producer and takes it again before looking
 * at the queue, then returns still holding it, on the error return too. It
 * never took the lock, so holding it at its returns is no finding, and the
 * caller unlocks on every path.
 */
#include <pthread.h>
#include <time.h>

struct job {
  struct job *next;
  int fd;
};

struct queue {
  pthread_mutex_t lock;
  struct job *head;
  int shutting_down;
};

int wait_for_producer(struct queue *q, const struct timespec *deadline);

/* Called with q->lock held; returns with it held. */
static int wait_nonempty(struct queue *q, const struct timespec *deadline) {
  while (q->head == NULL) {
    pthread_mutex_unlock(&q->lock);
    int rc = wait_for_producer(q, deadline);
    pthread_mutex_lock(&q->lock);
    if (rc != 0) return -1;
  }
  return 0;
}

struct job *queue_pop(struct queue *q, const struct timespec *deadline) {
  pthread_mutex_lock(&q->lock);
  if (wait_nonempty(q, deadline) != 0) {
    pthread_mutex_unlock(&q->lock);
    return NULL;
  }
  struct job *j = q->head;
  q->head = j->next;
  pthread_mutex_unlock(&q->lock);
  return j;
}
