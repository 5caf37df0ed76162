/*
 * The get handler of a cache server counts into per-thread stats behind
 * c->thread->stats.mutex. A key that is too long returns from inside the
 * locked section, so the worker's stats lock stays held and the next
 * request on that thread blocks. One finding, at the lock call; the other
 * path unlocks the same lock through the same pointer chain.
 */
#include <pthread.h>
#include <stddef.h>
#include <string.h>

#define KEY_MAX 250

struct thread_stats {
  pthread_mutex_t mutex;
  unsigned long get_cmds;
  unsigned long bad_keys;
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

int process_get(struct conn *c, const char *key) {
  if (c->closing) return -1;
  size_t nkey = strlen(key);

  pthread_mutex_lock(&c->thread->stats.mutex); // expect: connlint-lock-not-released
  c->thread->stats.get_cmds++;
  if (nkey > KEY_MAX) {
    c->thread->stats.bad_keys++;
    return -1;
  }
  pthread_mutex_unlock(&c->thread->stats.mutex);
  return 0;
}
