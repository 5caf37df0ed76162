/* buf.h - a growable byte buffer held by value. */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

struct buf {
  char *data;
  size_t len, cap;
};

/* Returns 0 with b->data allocated, or -1 (nothing allocated). */
int buf_init(struct buf *b, size_t cap);
int buf_append(struct buf *b, const char *s, size_t n);
/* Frees b->data and empties b. */
void buf_reset(struct buf *b);

#endif
