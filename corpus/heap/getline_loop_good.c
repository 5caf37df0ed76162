/*
 * Counts non-comment lines with getline(). Each call reuses or grows the same
 * buffer, so the loop holds one allocation throughout; it is freed once
 * after the loop, including when getline() returned -1 (the buffer may have
 * been allocated even then). free(NULL) covers the empty-file case.
 */
#include <stdio.h>
#include <stdlib.h>

long count_entries(const char *path) {
  FILE *fp = fopen(path, "r");
  if (!fp) return -1;

  char *line = NULL;
  size_t cap = 0;
  long n = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, fp)) != -1) {
    if (len > 1 && line[0] != '#') n++;
  }
  free(line);
  fclose(fp);
  return n;
}
