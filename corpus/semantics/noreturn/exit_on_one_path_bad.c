/*
 * A config check exits on a missing file but merely returns on a parse
 * error. The exit() path ends without a report; the `return -1` after a bad
 * line leaves the stream open: a leak at fopen(), whose only leak point is
 * that return.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int config_check(const char *path) {
  FILE *fp = fopen(path, "r"); // expect: connlint-file-leak
  if (!fp) {
    fprintf(stderr, "%s: missing\n", path);
    exit(78);
  }
  char line[256];
  int n = 0;
  while (fgets(line, sizeof line, fp)) {
    n++;
    if (line[0] != '#' && line[0] != '\n' && !strchr(line, '=')) return -1;
  }
  if (ferror(fp)) {
    fclose(fp);
    exit(74);
  }
  fclose(fp);
  return n;
}
