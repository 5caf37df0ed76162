/*
 * A cache daemon pauses and resumes its worker threads through one entry
 * point: pause_threads(PAUSE_*) takes the global hang lock and returns
 * holding it, pause_threads(RESUME_*) releases it. The function returns
 * nothing, but its caller knows which mode it passed, and the mode decides
 * whether the lock is held: a lock protocol, not a finding.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

enum pause_type { PAUSE_WORKERS, PAUSE_ALL, RESUME_ALL, RESUME_WORKERS };

static pthread_mutex_t worker_hang_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;

void lru_maintainer_pause(void);
void lru_maintainer_resume(void);
void notify_workers(int how);

void pause_threads(enum pause_type type) {
  bool pause_workers = false;
  switch (type) {
  case PAUSE_ALL:
    lru_maintainer_pause();
    /* fall through */
  case PAUSE_WORKERS:
    pause_workers = true;
    pthread_mutex_lock(&worker_hang_lock);
    break;
  case RESUME_ALL:
    lru_maintainer_resume();
    /* fall through */
  case RESUME_WORKERS: pthread_mutex_unlock(&worker_hang_lock); break;
  default: fprintf(stderr, "unknown pause type %d\n", (int)type); break;
  }
  if (!pause_workers) return;

  pthread_mutex_lock(&init_lock);
  notify_workers(0);
  pthread_mutex_unlock(&init_lock);
}
