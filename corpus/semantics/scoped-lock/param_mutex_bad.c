/*
 * A connection pool's checkout locks the pool's own mutex (reached through
 * the parameter). Handing out a connection returns from inside the loop
 * without unlocking. A lock is scoped to the function that takes it even
 * when the mutex lives in caller-visible memory, so this is not an escape:
 * a finding at the lock call.
 */
#include <pthread.h>

struct pool {
  pthread_mutex_t mu;
  int fds[16];
  int busy[16];
  int n;
};

int pool_checkout(struct pool *p) {
  pthread_mutex_lock(&p->mu); // expect: connlint-lock-not-released
  for (int i = 0; i < p->n; i++) {
    if (!p->busy[i]) {
      p->busy[i] = 1;
      return p->fds[i];
    }
  }
  pthread_mutex_unlock(&p->mu);
  return -1;
}
