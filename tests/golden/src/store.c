/* Golden input for tests/unit/test_output.c (see net.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *load(const char *path) {
  FILE *fp = fopen(path, "r"); // connlint: ignore[file-leak] closed by the atexit hook
  const char *name = "café"; char *copy = strdup(name);
  if (!fp)
    return NULL;
  free(fp);
  return copy;
}
