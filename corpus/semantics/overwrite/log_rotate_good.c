/*
 * The rotating logger closing the old stream before opening the new one.
 * The variable is overwritten only after its stream was released, so no
 * reference is lost; if the new fopen() fails, nothing is owned.
 */
#include <stdio.h>

int log_lines(const char *path, const char *const *lines, int n, long limit) {
  FILE *log = fopen(path, "a");
  if (!log) return -1;
  char old[512];
  snprintf(old, sizeof old, "%s.1", path);

  for (int i = 0; i < n; i++) {
    if (ftell(log) > limit) {
      fclose(log);
      rename(path, old);
      log = fopen(path, "a");
      if (!log) return -1;
    }
    fprintf(log, "%s\n", lines[i]);
  }
  fclose(log);
  return 0;
}
