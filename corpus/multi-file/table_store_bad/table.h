/* table.h - a chained hash table mapping strings to values it keeps. */
#ifndef TABLE_H
#define TABLE_H

struct entry {
  struct entry *next;
  const char *key;
  void *val;
};

struct table {
  struct entry **buckets;
  unsigned nbuckets, used;
};

/* Links a new entry for key into t and returns it, or returns NULL when
   key is already there. */
struct entry *table_add_raw(struct table *t, const char *key);
/* Takes over key and val and returns 0, or returns -1 (both untouched). */
int table_add(struct table *t, const char *key, void *val);

#endif
