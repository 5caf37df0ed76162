/*
 * A statistics snapshot that must not block the hot path: it uses
 * pthread_mutex_trylock() and gives up when the lock is busy. A non-zero
 * result means the lock was not taken, so returning then holds nothing;
 * on success the lock is released before returning.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

struct stats {
  pthread_mutex_t mu;
  unsigned long requests, errors;
};

int stats_snapshot(struct stats *s, unsigned long out[2]) {
  if (pthread_mutex_trylock(&s->mu) != 0) return -EBUSY;
  out[0] = s->requests;
  out[1] = s->errors;
  pthread_mutex_unlock(&s->mu);
  return 0;
}
