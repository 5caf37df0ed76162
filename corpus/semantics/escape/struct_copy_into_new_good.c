/*
 * A constructor that builds the object on the stack, then copies it into
 * the heap object it returns: memcpy(new, &o, sizeof o) moves what o's
 * fields hold (the values list) into the returned object, so nothing
 * leaks when the function returns it. On failure it frees what it made.
 */
#include <stdlib.h>
#include <string.h>

struct ordered_map {
  char **values;
  size_t nvalues;
  void *index;
};

struct ordered_map *ordered_map_new(void) {
  struct ordered_map o = {0}, *m;
  o.values = calloc(32, sizeof *o.values);
  if (!o.values) return NULL;
  m = malloc(sizeof o);
  if (!m) {
    free(o.values);
    return NULL;
  }
  memcpy(m, &o, sizeof o);
  return m;
}
