/*
 * A hash table resize meant to allocate the new bucket array but the
 * assignment was lost in a refactor: malloc() is called and its result
 * dropped. The block can never be freed: an ignored result at the malloc()
 * call.
 */
#include <stdlib.h>

struct table {
  void **buckets;
  size_t nbuckets;
};

int table_grow(struct table *t) {
  size_t n = t->nbuckets ? t->nbuckets * 2 : 16;
  malloc(n * sizeof *t->buckets); // expect: connlint-ignored-result
  t->nbuckets = n;
  return 0;
}
