/* Exercises (with table.c): a buffer handed to table_add(), which keeps it
   when it succeeds; freed here when it fails. */
#include "table.h"

#include <stdlib.h>
#include <string.h>

int cache_put(struct table *t, const char *key, const char *data, size_t n) {
  char *val = malloc(n);
  if (!val) return -1;
  memcpy(val, data, n);
  if (table_add(t, key, val) < 0) {
    free(val);
    return -1;
  }
  return 0;
}
