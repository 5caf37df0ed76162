/*
 * lock_bucket() returns 0 holding the bucket's mutex (a lock protocol, not
 * a finding in itself). table_del() takes the lock through it and returns
 * early when the key is absent without unlocking: one finding, at the
 * lock_bucket() call that acquired the lock for it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct entry {
  struct entry *next;
  char key[32];
};

struct bucket {
  pthread_mutex_t mu;
  int retired;
  struct entry *head;
};

static int lock_bucket(struct bucket *b) {
  pthread_mutex_lock(&b->mu);
  if (b->retired) {
    pthread_mutex_unlock(&b->mu);
    return -1;
  }
  return 0;
}

int table_del(struct bucket *b, const char *key) {
  if (lock_bucket(b) != 0) return -1; // expect: connlint-lock-not-released
  struct entry **pp = &b->head;
  while (*pp && strcmp((*pp)->key, key) != 0)
    pp = &(*pp)->next;
  if (!*pp) return -1;
  struct entry *e = *pp;
  *pp = e->next;
  free(e);
  pthread_mutex_unlock(&b->mu);
  return 0;
}
