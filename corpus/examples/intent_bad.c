/*
 * What intent.rules does not cover is still reported: a second lock helper,
 * table_lock_ro(), that the rule file does not declare `leaves locked`
 * (its success path returns holding the mutex), and a log stream opened by
 * a function that is not declared permanent.
 * connlint-rules: intent.rules
 */
#include <pthread.h>
#include <stdio.h>

struct table {
  pthread_mutex_t mu;
  int closed;
  int rows;
};

int table_lock(struct table *t) {
  pthread_mutex_lock(&t->mu);
  if (t->closed) {
    pthread_mutex_unlock(&t->mu);
    return -1;
  }
  return 0;
}

int table_lock_ro(struct table *t) {
  pthread_mutex_lock(&t->mu); // expect: connlint-lock-not-released
  if (t->closed) {
    pthread_mutex_unlock(&t->mu);
    return -1;
  }
  return 0;
}

int write_banner(const char *path) {
  FILE *f = fopen(path, "a"); // expect: connlint-file-leak
  if (f == NULL)
    return -1;
  return fputs("banner\n", f) < 0 ? -1 : 0;
}
