/*
 * map.c - an open-addressing hash map whose storage lives in an arena.
 *
 * The front end needs a few lookups per AST node (variable of a declaration,
 * declaration of a callee, block of a label); linear scans would make large
 * functions quadratic. Keys are opaque: the caller passes the hash and an
 * equality function, so the same map serves strings and libclang cursors.
 * Growing abandons the old arrays to the arena, as Vec does.
 */
#include "arena.h"

#include <string.h>

bool str_eq(const void *a, const void *b) {
  return strcmp(a, b) == 0;
}

void *map_get(const Map *m, unsigned hash, const void *key, MapEq eq) {
  if (m->cap == 0) return NULL;
  unsigned mask = (unsigned)m->cap - 1;
  for (unsigned i = hash & mask; m->keys[i]; i = (i + 1) & mask)
    if (m->hashes[i] == hash && eq(m->keys[i], key)) return m->vals[i];
  return NULL;
}

static void insert(Map *m, unsigned hash, const void *key, void *val) {
  unsigned mask = (unsigned)m->cap - 1;
  unsigned i = hash & mask;
  while (m->keys[i])
    i = (i + 1) & mask;
  m->hashes[i] = hash;
  m->keys[i] = key;
  m->vals[i] = val;
  m->len++;
}

void map_put(Arena *a, Map *m, unsigned hash, const void *key, void *val, MapEq eq) {
  if (m->cap) {
    unsigned mask = (unsigned)m->cap - 1;
    for (unsigned i = hash & mask; m->keys[i]; i = (i + 1) & mask)
      if (m->hashes[i] == hash && eq(m->keys[i], key)) {
        m->vals[i] = val;
        return;
      }
  }
  if ((m->len + 1) * 2 > m->cap) {
    Map old = *m;
    m->cap = old.cap ? old.cap * 2 : 16;
    m->len = 0;
    m->hashes = ARENA_ARRAY(a, unsigned, m->cap);
    m->keys = ARENA_ARRAY(a, const void *, m->cap);
    m->vals = ARENA_ARRAY(a, void *, m->cap);
    for (int i = 0; i < old.cap; i++)
      if (old.keys[i]) insert(m, old.hashes[i], old.keys[i], old.vals[i]);
  }
  insert(m, hash, key, val);
}
