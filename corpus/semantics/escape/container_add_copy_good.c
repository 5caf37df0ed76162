/*
 * A growable array of fixed-size items, as small C servers write it: add()
 * copies the bytes of *item into the next slot with memcpy. The caller
 * passes the address of its strdup()'d pointer, so the list now holds the
 * pointer and frees it with the list. The helper's summary must say that
 * what its item argument points to is copied away, not only that the
 * pointer itself is borrowed.
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
  char *s = strdup(user);
  if (!s || !vec_add(users, &s)) {
    free(s);
    return -1;
  }
  return 0;
}
