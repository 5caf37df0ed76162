/*
 * The same growable array, but the caller returns early on a name that is
 * too long after duplicating it: that copy never reaches the list and
 * leaks. (The copy made by vec_add() on the other path is the list's.)
 */
#include <stdlib.h>
#include <string.h>

struct vec {
  size_t itemsize, count, capa;
  char *items;
};

static char *vec_slot(struct vec *v, size_t i) {
  return v->items + i * v->itemsize;
}

static int vec_set(struct vec *v, void *item, size_t pos) {
  if (pos >= v->count) return 0;
  memcpy(vec_slot(v, pos), item, v->itemsize);
  return 1;
}

static int vec_add(struct vec *v, void *item) {
  if (v->count == v->capa) {
    char *n = realloc(v->items, (v->capa + 16) * v->itemsize);
    if (!n) return 0;
    v->items = n;
    v->capa += 16;
  }
  v->count++;
  return vec_set(v, item, v->count - 1);
}

int auth_add(struct vec *users, const char *user) {
  char *s = strdup(user); // expect: connlint-memory-leak
  if (!s) return -1;
  if (strlen(s) > 64) return -1;
  return vec_add(users, &s) ? 0 : -1;
}
