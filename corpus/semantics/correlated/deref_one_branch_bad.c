/*
 * The same insertion where only one branch reads through old: when before
 * is set, old may be NULL and the new connection is linked nowhere.
 */
#include <stdlib.h>

struct conn {
  struct conn *prev, *next;
  int fd;
};

struct conn *conn_insert(struct conn *old, int fd, int before) {
  struct conn *c = malloc(sizeof(*c)); // expect: connlint-memory-leak
  if (c == NULL) return NULL;
  c->fd = fd;
  if (!before) c->next = old->next;
  c->prev = old;
  if (c->prev != NULL) c->prev->next = c;
  return old;
}
