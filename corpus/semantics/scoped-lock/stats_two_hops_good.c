/*
 * A cache server's worker threads keep per-thread counters behind a mutex
 * reached through the connection: c->thread->stats.mutex. The get handler
 * bails out early on a closed connection, then takes the stats lock, bumps
 * the counters (one more on a hit, inside a branch) and unlocks the same
 * lock. Every path that locks also unlocks: no finding.
 */
#include <pthread.h>
#include <stddef.h>
#include <string.h>

struct thread_stats {
  pthread_mutex_t mutex;
  unsigned long get_cmds;
  unsigned long get_hits;
  unsigned long get_misses;
};

struct worker {
  pthread_t tid;
  struct thread_stats stats;
};

struct conn {
  int sfd;
  int closing;
  struct worker *thread;
};

const char *cache_find(const char *key, size_t nkey);

int process_get(struct conn *c, const char *key) {
  if (c->closing) return -1;
  size_t nkey = strlen(key);
  const char *it = cache_find(key, nkey);

  pthread_mutex_lock(&c->thread->stats.mutex);
  c->thread->stats.get_cmds++;
  if (it != NULL)
    c->thread->stats.get_hits++;
  else
    c->thread->stats.get_misses++;
  pthread_mutex_unlock(&c->thread->stats.mutex);

  return it != NULL;
}
