/*
 * Finds the first line of a hosts-style file that mentions a name. getline()
 * allocates the line buffer (and grows it in place on later calls); when a
 * match is found the function returns straight from the loop without
 * freeing the line. A leak at the getline() call. The stream is the
 * caller's: it is a parameter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hosts_has_name(FILE *fp, const char *name) {
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, fp) != -1) { // expect: connlint-memory-leak
    if (line[0] == '#') continue;
    if (strstr(line, name) != NULL) return 1;
  }
  free(line);
  return 0;
}
