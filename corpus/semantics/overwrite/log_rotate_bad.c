/*
 * A logger rotates its file when it grows past a limit: rename the current
 * file and open a fresh one into the same variable. The old FILE* is not
 * closed first, so the assignment overwrites the only pointer to an open
 * stream: a lost reference at the second fopen(). The initial stream, if it
 * survives the loop, is closed at the end.
 */
#include <stdio.h>

int log_lines(const char *path, const char *const *lines, int n, long limit) {
  FILE *log = fopen(path, "a");
  if (!log) return -1;
  char old[512];
  snprintf(old, sizeof old, "%s.1", path);

  for (int i = 0; i < n; i++) {
    if (ftell(log) > limit) {
      rename(path, old);
      log = fopen(path, "a"); // expect: connlint-lost-reference
      if (!log) return -1;
    }
    fprintf(log, "%s\n", lines[i]);
  }
  fclose(log);
  return 0;
}
