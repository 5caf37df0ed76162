/*
 * Nested cleanup scopes: the input stream is AUTOFCLOSE for the whole
 * function, and each loop iteration strdup()s the line into an AUTOFREE
 * copy that is released when the iteration ends, including through
 * `continue` and `break`. The early return inside the loop runs both
 * cleanups, innermost first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void fclosep(FILE **fp) {
  if (*fp) fclose(*fp);
}
static inline void freep(char **p) {
  free(*p);
}
#define AUTOFCLOSE __attribute__((cleanup(fclosep)))
#define AUTOFREE __attribute__((cleanup(freep)))

int count_hosts(const char *path, const char *domain) {
  AUTOFCLOSE FILE *fp = fopen(path, "r");
  if (!fp) return -1;
  char line[512];
  int n = 0;
  while (fgets(line, sizeof line, fp)) {
    AUTOFREE char *copy = strdup(line);
    if (!copy) return -1;
    char *save = NULL;
    char *host = strtok_r(copy, " \t\n", &save);
    if (!host || host[0] == '#') continue;
    if (strcmp(host, "END") == 0) break;
    if (strstr(host, domain)) n++;
  }
  return n;
}
