/*
 * Deliberate cases declared in intent.rules: the log stream lives for the
 * whole process (log_open_once is `permanent`, in its body and at its
 * callers), table_enter() returns holding the table's mutex by protocol on
 * the paths where it locks (`leaves locked`: its caller unlocks after the
 * same test), and arena chunks are a `permanent` kind. None of them is
 * reported.
 * connlint-rules: intent.rules
 */
#include <pthread.h>
#include <stdio.h>

struct table {
  pthread_mutex_t mu;
  int closed;
  int rows;
};

void *chunk_map(unsigned long size);

FILE *log_open_once(const char *path) {
  FILE *f = fopen(path, "a");
  if (f == NULL) return NULL;
  setvbuf(f, NULL, _IOLBF, 0);
  return f;
}

void table_enter(struct table *t) {
  if (t->closed == 0) pthread_mutex_lock(&t->mu);
}

int serve(const char *log_path) {
  FILE *log = log_open_once(log_path);
  if (log == NULL) return 1;
  fputs("started\n", log);
  char *arena = chunk_map(1 << 20);
  if (arena == NULL) return 1;
  arena[0] = 1;
  return 0;
}
