/*
 * A module API that takes its keys either as C strings or as ready-made
 * objects, chosen by a bit in `flags`. Each key made from a C string is
 * freed under the same bit test on every way out of the loop body. `flags`
 * never changes, so the path that makes a key under one answer and skips
 * the free under the other does not exist: no leak.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define HASH_NX 1
#define HASH_XX 2
#define HASH_CFIELDS 4

struct hash;
int hash_exists(struct hash *h, const char *key);
int hash_set(struct hash *h, const char *key, const char *value);
int hash_delete(struct hash *h, const char *key);

int hash_set_many(struct hash *h, int flags, ...) {
  va_list ap;
  int count = 0;
  va_start(ap, flags);
  for (;;) {
    char *field;
    if (flags & HASH_CFIELDS) {
      const char *cfield = va_arg(ap, const char *);
      if (cfield == NULL) break;
      field = strdup(cfield);
      if (field == NULL) break;
    } else {
      field = va_arg(ap, char *);
      if (field == NULL) break;
    }
    const char *value = va_arg(ap, const char *);
    if (flags & (HASH_XX | HASH_NX)) {
      int exists = hash_exists(h, field);
      if (((flags & HASH_XX) && !exists) || ((flags & HASH_NX) && exists)) {
        if (flags & HASH_CFIELDS) free(field);
        continue;
      }
    }
    if (value == NULL) {
      count += hash_delete(h, field);
      if (flags & HASH_CFIELDS) free(field);
      continue;
    }
    count += hash_set(h, field, value);
    if (flags & HASH_CFIELDS) free(field);
  }
  va_end(ap);
  return count;
}
