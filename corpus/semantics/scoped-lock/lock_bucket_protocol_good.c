/*
 * A hash table with one mutex per bucket. lock_bucket() returns 0 with the
 * bucket's mutex held, or -1 without it (the table is resizing, or the
 * bucket was retired, in which case it unlocks again before returning).
 * The caller can tell from the return value whether it holds the lock:
 * lock_bucket() acquires for its caller, so its own body is not a finding,
 * and table_add() unlocks on every path after a successful lock_bucket().
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct entry {
  struct entry *next;
  char key[32];
  int value;
};

struct bucket {
  pthread_mutex_t mu;
  int retired;
  struct entry *head;
};

struct table {
  int resizing;
  unsigned nbuckets;
};

static int lock_bucket(struct table *t, struct bucket *b) {
  if (t->resizing) return -1;
  pthread_mutex_lock(&b->mu);
  if (b->retired) {
    pthread_mutex_unlock(&b->mu);
    return -1;
  }
  return 0;
}

int table_add(struct table *t, struct bucket *b, const char *key, int value) {
  if (lock_bucket(t, b) != 0) return -1;
  struct entry *e = malloc(sizeof *e);
  if (!e) {
    pthread_mutex_unlock(&b->mu);
    return -1;
  }
  strncpy(e->key, key, sizeof e->key - 1);
  e->key[sizeof e->key - 1] = '\0';
  e->value = value;
  e->next = b->head;
  b->head = e;
  pthread_mutex_unlock(&b->mu);
  return 0;
}
