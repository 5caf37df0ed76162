/*
 * arena.c - chunked bump allocator.
 *
 * Chunks grow geometrically up to a cap so that a small file costs one
 * allocation and a large one a few dozen. Requests larger than a chunk get a
 * chunk of their own.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaChunk {
  ArenaChunk *next;
  size_t size;
  size_t off;
  _Alignas(max_align_t) unsigned char mem[];
};

enum { CHUNK_MIN = 16 * 1024, CHUNK_MAX = 4 * 1024 * 1024 };

static void out_of_memory(void) {
  fputs("connlint: internal error: out of memory\n", stderr);
  exit(3);
}

void arena_init(Arena *a) {
  a->head = NULL;
  a->used = 0;
  a->region = NULL;
}

void arena_init_region(Arena *a, ArenaRegion *r) {
  arena_init(a);
  a->region = r;
}

void *region_alloc(ArenaRegion *r, size_t size) {
  size_t align = _Alignof(max_align_t);
  size_t off = (r->off + align - 1) & ~(align - 1);
  if (off > r->size || r->size - off < size) return NULL;
  r->off = off + size;
  return r->base + off;
}

static ArenaChunk *chunk_new(Arena *a, size_t size) {
  ArenaChunk *n = a->region ? region_alloc(a->region, sizeof(ArenaChunk) + size)
                            : malloc(sizeof(ArenaChunk) + size);
  if (!n) out_of_memory();
  return n;
}

static void chunk_free(Arena *a, ArenaChunk *c) {
  if (!a->region) free(c);
}

void arena_free(Arena *a) {
  ArenaChunk *c = a->head;
  while (c) {
    ArenaChunk *next = c->next;
    chunk_free(a, c);
    c = next;
  }
  a->head = NULL;
  a->used = 0;
}

void arena_reset(Arena *a) {
  ArenaChunk *keep = NULL;
  for (ArenaChunk *c = a->head; c; c = c->next)
    if (!keep || c->size > keep->size) keep = c;
  ArenaChunk *c = a->head;
  while (c) {
    ArenaChunk *next = c->next;
    if (c != keep) chunk_free(a, c);
    c = next;
  }
  if (keep) {
    keep->next = NULL;
    keep->off = 0;
  }
  a->head = keep;
  a->used = 0;
}

void *arena_alloc(Arena *a, size_t size) {
  size_t align = _Alignof(max_align_t);
  size = (size + align - 1) & ~(align - 1);
  if (size == 0) size = align;
  ArenaChunk *c = a->head;
  if (!c || c->size - c->off < size) {
    size_t want = c ? c->size * 2 : CHUNK_MIN;
    if (want > CHUNK_MAX) want = CHUNK_MAX;
    if (want < size) want = size;
    ArenaChunk *n = chunk_new(a, want);
    n->size = want;
    n->off = 0;
    /* A chunk made only for one large request goes behind the current one,
       so the space left in the current chunk is not wasted. */
    if (c && want == size && c->size - c->off > CHUNK_MIN / 4) {
      n->next = c->next;
      c->next = n;
    } else {
      n->next = c;
      a->head = n;
    }
    c = n;
  }
  void *p = c->mem + c->off;
  c->off += size;
  a->used += size;
  memset(p, 0, size);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(Arena *a, const char *s) {
  return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) n = 0;
  char *p = arena_alloc(a, (size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *arena_printf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

void vec_push(Arena *a, Vec *v, void *item) {
  if (v->len == v->cap) {
    int cap = v->cap ? v->cap * 2 : 8;
    void **data = ARENA_ARRAY(a, void *, cap);
    if (v->len) memcpy(data, v->data, sizeof(void *) * (size_t)v->len);
    v->data = data;
    v->cap = cap;
  }
  v->data[v->len++] = item;
}

void *vec_items(Arena *a, const Vec *v, size_t size) {
  char *out = arena_alloc(a, size * (size_t)(v->len + 1));
  for (int i = 0; i < v->len; i++)
    memcpy(out + size * (size_t)i, v->data[i], size);
  return out;
}

unsigned str_hash(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void buf_reserve(Arena *a, Buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap * 2 : 256;
  while (cap < b->len + extra + 1)
    cap *= 2;
  char *data = arena_alloc(a, cap);
  if (b->len) memcpy(data, b->data, b->len);
  b->data = data;
  b->cap = cap;
}

void buf_putc(Arena *a, Buf *b, char c) {
  buf_reserve(a, b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}

void buf_puts(Arena *a, Buf *b, const char *s) {
  size_t n = strlen(s);
  buf_reserve(a, b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_printf(Arena *a, Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = arena_vprintf(a, fmt, ap);
  va_end(ap);
  buf_puts(a, b, s);
}

const char *buf_str(Arena *a, Buf *b) {
  (void)a;
  return b->data ? b->data : "";
}
