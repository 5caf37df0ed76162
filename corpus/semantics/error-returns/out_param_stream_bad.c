/*
 * A log rotator opens the new log file and returns the stream through a
 * FILE ** out-parameter. When writing the header fails it reports failure
 * (-1, like its failed fopen()) but has already stored the stream in *out:
 * the caller, seeing -1, never closes it.
 */
#include <stdio.h>

int log_open_rotated(const char *path, const char *header, FILE **out) {
  FILE *fp = fopen(path, "a"); // expect: connlint-file-leak
  if (!fp) return -1;
  *out = fp;
  if (fputs(header, fp) == EOF) return -1;
  return 0;
}
