/* Exercises (with cache.c): table_add() stores its value into the entry
   table_add_raw() links into the table, an object the caller's table
   reaches: the value escapes, as with redis' dictAdd(). */
#include "table.h"

#include <stdlib.h>
#include <string.h>

static unsigned hash(const char *s) {
  unsigned h = 5381;
  while (*s)
    h = h * 33 + (unsigned char)*s++;
  return h;
}

struct entry *table_add_raw(struct table *t, const char *key) {
  unsigned h = hash(key) % t->nbuckets;
  for (struct entry *e = t->buckets[h]; e; e = e->next)
    if (strcmp(e->key, key) == 0) return NULL;
  struct entry *e = malloc(sizeof *e);
  if (!e) return NULL;
  e->key = key;
  e->val = NULL;
  e->next = t->buckets[h];
  t->buckets[h] = e;
  t->used++;
  return e;
}

int table_add(struct table *t, const char *key, void *val) {
  struct entry *e = table_add_raw(t, key);
  if (!e) return -1;
  e->val = val;
  return 0;
}
