/*
 * A small library routes its allocations through hooks an embedding
 * application may replace, behind malloc-like macros. Out of the box the
 * hooks are the C library's malloc() and free(); no unit stores anything
 * else into them, so a call through them allocates and frees heap memory.
 * The token copy leaks when the token is too long.
 */
#include <stdlib.h>
#include <string.h>

static void *(*lib_malloc_fn)(size_t) = malloc;
static void (*lib_free_fn)(void *) = free;
#define lib_malloc(n) lib_malloc_fn(n)
#define lib_free(p) lib_free_fn(p)

int lib_token_check(const char *tok, size_t max) {
  size_t n = strlen(tok);
  char *copy = lib_malloc(n + 1); // expect: connlint-memory-leak
  if (!copy) return -1;
  memcpy(copy, tok, n + 1);
  if (n > max) return -1;
  int ok = copy[0] != '-';
  lib_free(copy);
  return ok;
}
