/*
 * A GEOADD-style command rewrites its arguments for a ZADD call: the new
 * vector's length is computed before any loop (the options seen plus two
 * slots per element), slot 0 gets a fresh command name, the option and
 * element loops fill the rest, and one loop over the computed length drops
 * every slot. The length is at least 1 whenever slot 0 was filled, so the
 * dropping loop always reaches it. No finding.
 */
#include <stdlib.h>
#include <string.h>

typedef struct robj {
  int refcount;
  char *ptr;
} robj;

typedef struct client {
  int argc;
  robj **argv;
} client;

robj *create_string(const char *s, size_t len) {
  robj *o = malloc(sizeof(*o));
  if (o == NULL) abort();
  o->refcount = 1;
  o->ptr = strndup(s, len);
  return o;
}

void incr_ref(robj *o) {
  o->refcount++;
}

void decr_ref(robj *o) {
  if (--o->refcount == 0) {
    free(o->ptr);
    free(o);
  }
}

void reply_syntax_error(client *c);
void reply_long(client *c, long n);

static void zadd_generic(client *c, int argc, robj **argv) {
  long added = 0;
  for (int i = 1; i < argc; i++)
    added += argv[i]->ptr != NULL;
  reply_long(c, added);
}

void geoadd_command(client *c) {
  int longidx = 2, i;
  while (longidx < c->argc) {
    const char *opt = c->argv[longidx]->ptr;
    if (strcmp(opt, "nx") != 0 && strcmp(opt, "xx") != 0 && strcmp(opt, "ch") != 0) break;
    longidx++;
  }
  if ((c->argc - longidx) % 3) {
    reply_syntax_error(c);
    return;
  }
  int elements = (c->argc - longidx) / 3;
  int argc = longidx + elements * 2;
  robj **argv = calloc((size_t)argc, sizeof(robj *));
  if (argv == NULL) return;
  argv[0] = create_string("zadd", 4);
  for (i = 1; i < longidx; i++) {
    argv[i] = c->argv[i];
    incr_ref(argv[i]);
  }
  for (i = 0; i < elements; i++) {
    robj *member = c->argv[longidx + i * 3 + 2];
    argv[longidx + i * 2] = create_string("0", 1);
    argv[longidx + i * 2 + 1] = member;
    incr_ref(member);
  }
  zadd_generic(c, argc, argv);
  for (i = 0; i < argc; i++)
    decr_ref(argv[i]);
  free(argv);
}
