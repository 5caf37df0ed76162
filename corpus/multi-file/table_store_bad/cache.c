/* Exercises (with table.c): table_add() keeps the value it is given and
   nothing else: the scratch copy made next to it still leaks when the
   add succeeds. */
#include "table.h"

#include <stdlib.h>
#include <string.h>

int cache_put_upper(struct table *t, const char *key, const char *data, size_t n) {
  char *val = malloc(n);
  if (!val) return -1;
  char *tmp = malloc(n); // expect: connlint-memory-leak
  if (!tmp) {
    free(val);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    tmp[i] = data[i] >= 'a' && data[i] <= 'z' ? data[i] - 32 : data[i];
  memcpy(val, tmp, n);
  if (table_add(t, key, val) < 0) {
    free(val);
    free(tmp);
    return -1;
  }
  return 0;
}
