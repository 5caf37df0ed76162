/*
 * A tiny object system: new_object() wraps any payload in a refcounted
 * header, and the typed constructors hand their freshly created payload to
 * it. The payload is stored into the header that is returned, so it belongs
 * to the returned object, not to the constructor; the same for a socket
 * stored into a connection object built by another helper.
 */
#include <stdlib.h>

struct object {
  int type;
  int refcount;
  void *ptr;
};

struct table {
  void **slots;
  unsigned size;
};

struct conn {
  int fd;
  int state;
};

static struct object *new_object(int type, void *ptr) {
  struct object *o = malloc(sizeof *o);
  if (!o) abort();
  o->type = type;
  o->refcount = 1;
  o->ptr = ptr;
  return o;
}

static struct table *table_create(unsigned size) {
  struct table *t = malloc(sizeof *t);
  if (!t) abort();
  t->slots = calloc(size, sizeof(void *));
  if (!t->slots) abort();
  t->size = size;
  return t;
}

struct object *create_table_object(void) {
  struct table *t = table_create(16);
  struct object *o = new_object(2, t);
  o->refcount = 1;
  return o;
}

struct object *create_pair_object(void) {
  struct object **pair = malloc(2 * sizeof *pair);
  struct object *o;
  if (!pair) abort();
  pair[0] = new_object(1, table_create(4));
  pair[1] = NULL;
  o = new_object(3, pair);
  return o;
}

static struct conn *conn_create(void) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c) abort();
  c->fd = -1;
  return c;
}

struct conn *conn_create_accepted(int fd) {
  struct conn *c = conn_create();
  c->fd = fd;
  c->state = 1;
  return c;
}
