/*
 * The one-hop form of the worker stats pattern: the stats live in the
 * worker itself (w->stats.mutex). An early return before the lock and a
 * branch inside the locked section; every locking path unlocks. No
 * finding.
 */
#include <pthread.h>
#include <stddef.h>

struct worker_stats {
  pthread_mutex_t mutex;
  unsigned long conns;
  unsigned long rejected;
};

struct worker {
  int notify_fd;
  int max_conns;
  int nconns;
  struct worker_stats stats;
};

int worker_accept(struct worker *w, int fd) {
  if (fd < 0) return -1;
  pthread_mutex_lock(&w->stats.mutex);
  w->stats.conns++;
  if (w->nconns >= w->max_conns) w->stats.rejected++;
  pthread_mutex_unlock(&w->stats.mutex);
  return w->nconns < w->max_conns ? 0 : -1;
}
