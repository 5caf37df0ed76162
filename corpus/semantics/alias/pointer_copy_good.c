/*
 * A template renderer keeps the output stream in `out` and a second pointer
 * `cur` that it advances to whichever stream is active. Both point to the
 * one FILE* from fopen(), and it is closed through `cur`.
 */
#include <stdio.h>

int render(const char *path, const char *const *parts, int n) {
  FILE *out = fopen(path, "w");
  if (out == NULL) return -1;
  FILE *cur = out;

  for (int i = 0; i < n; i++)
    if (fputs(parts[i], cur) == EOF) break;
  return fclose(cur) == 0 ? 0 : -1;
}
