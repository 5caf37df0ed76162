/* Exercises (with main.c): buf_init acquires into a field of its argument
   (b->data) when it returns 0, buf_reset releases that field. */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

int buf_init(struct buf *b, size_t cap) {
  b->data = malloc(cap);
  if (!b->data) return -1;
  b->len = 0;
  b->cap = cap;
  return 0;
}

int buf_append(struct buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t ncap = (b->len + n + 1) * 2;
    char *p = realloc(b->data, ncap);
    if (!p) return -1;
    b->data = p;
    b->cap = ncap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

void buf_reset(struct buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
