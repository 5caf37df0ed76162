/*
 * The same API where the delete branch frees the key under the wrong bit:
 * with HASH_CFIELDS set and HASH_XX clear, a key made from a C string is
 * never freed when its value is NULL.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define HASH_XX 2
#define HASH_CFIELDS 4

struct hash;
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
      field = strdup(cfield); // expect: connlint-memory-leak
      if (field == NULL) break;
    } else {
      field = va_arg(ap, char *);
      if (field == NULL) break;
    }
    const char *value = va_arg(ap, const char *);
    if (value == NULL) {
      count += hash_delete(h, field);
      if (flags & HASH_XX) free(field);
      continue;
    }
    count += hash_set(h, field, value);
    if (flags & HASH_CFIELDS) free(field);
  }
  va_end(ap);
  return count;
}
