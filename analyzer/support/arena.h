/*
 * arena.h - region allocation and the small containers built on it.
 *
 * Every translation unit owns one Arena: its IR, its strings, its findings'
 * text. Freeing the arena frees all of it at once, so no other module calls
 * free() on IR memory and nothing grows without bound in a long-running
 * process (an editor session re-analyzes files for hours).
 *
 * Allocation never fails from the caller's point of view: on out-of-memory
 * the process reports and exits with the internal-error code, because a
 * half-built IR is worse than no answer.
 *
 * Stage support (this header, fspath.h, srccache.h): memory, file paths and
 * source text. It uses nothing else in connlint; every other stage uses it.
 */
#ifndef CONNLINT_ARENA_H
#define CONNLINT_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
  ArenaChunk *head;
  size_t used; /* bytes handed out, for budgets and benchmarks */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a); /* releases every chunk; the arena may be reused */
/* Empties the arena but keeps its largest chunk, for scratch arenas emptied
   again and again: no allocator round trip, no fresh pages to fault in. */
void arena_reset(Arena *a);

void *arena_alloc(Arena *a, size_t size); /* zeroed, aligned for any type */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

/*
 * Vec: a growable array of pointers whose storage lives in an arena. Growth
 * copies into a new arena block; the old block is simply abandoned (arena
 * memory is reclaimed all at once), which keeps ownership trivial.
 */
typedef struct Vec {
  void **data;
  int len;
  int cap;
} Vec;

void vec_push(Arena *a, Vec *v, void *item);

/* The items v points to, copied side by side into one array of `size`-byte
   elements (never NULL, even when v is empty). */
void *vec_items(Arena *a, const Vec *v, size_t size);

/* FNV-1a: the string hash of every table keyed by names. */
unsigned str_hash(const char *s);

/*
 * Map: an open-addressing hash map whose storage lives in an arena (map.c).
 * Keys are opaque: the caller passes the hash and an equality function, so
 * one map serves strings and libclang cursors alike.
 */
typedef bool (*MapEq)(const void *a, const void *b);

typedef struct Map {
  unsigned *hashes;
  const void **keys;
  void **vals;
  int cap, len;
} Map;

void *map_get(const Map *m, unsigned hash, const void *key, MapEq eq);
void map_put(Arena *a, Map *m, unsigned hash, const void *key, void *val, MapEq eq);
bool str_eq(const void *a, const void *b);

/*
 * Buf: a growable char buffer in an arena, for building messages and dumps.
 */
typedef struct Buf {
  char *data;
  size_t len;
  size_t cap;
} Buf;

void buf_putc(Arena *a, Buf *b, char c);
void buf_puts(Arena *a, Buf *b, const char *s);
void buf_printf(Arena *a, Buf *b, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *buf_str(Arena *a, Buf *b); /* NUL-terminated contents ("" if empty) */

#endif
