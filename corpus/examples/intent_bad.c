/*
 * What intent.rules does not cover is still reported: a second lock helper,
 * table_enter_ro(), that the rule file does not declare `leaves locked`
 * (it returns holding the mutex on some paths only), and a log stream
 * opened by a function that is not declared permanent.
 * connlint-rules: intent.rules
 */
#include <pthread.h>
#include <stdio.h>

struct table {
  pthread_mutex_t mu;
  int closed;
  int rows;
};

void table_enter(struct table *t) {
  if (t->closed == 0) pthread_mutex_lock(&t->mu);
}

void table_enter_ro(struct table *t) {
  if (t->closed == 0) pthread_mutex_lock(&t->mu); // expect: connlint-lock-not-released
}

int write_banner(const char *path) {
  FILE *f = fopen(path, "a"); // expect: connlint-file-leak
  if (f == NULL) return -1;
  return fputs("banner\n", f) < 0 ? -1 : 0;
}
