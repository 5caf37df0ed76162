/*
 * Inserting a connection next to an existing one: reading `old->next`
 * means old is not NULL, so `c->prev` is set and the new connection is
 * always linked into the list.
 */
#include <stdlib.h>

struct conn {
  struct conn *prev, *next;
  int fd;
};

struct conn *conn_insert_after(struct conn *old, int fd) {
  struct conn *c = malloc(sizeof(*c));
  if (c == NULL) return NULL;
  c->fd = fd;
  c->next = old->next;
  c->prev = old;
  if (c->next != NULL) c->next->prev = c;
  if (c->prev != NULL) c->prev->next = c;
  return old;
}
