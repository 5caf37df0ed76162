/*
 * The same batch writer with an int count: a negative n skips the loop,
 * `wrote` stays 0 and the stream is never closed.
 */
#include <stdio.h>

int write_batch(const char *path, const char *const *lines, int n) {
  FILE *fp = fopen(path, "w"); // expect: connlint-file-leak
  if (!fp) return -1;
  if (n == 0) {
    fclose(fp);
    return 0;
  }
  int wrote = 0;
  for (int i = 0; i < n; i++) {
    wrote = 1;
    if (fputs(lines[i], fp) == EOF) break;
  }
  if (wrote) fclose(fp);
  return 0;
}
