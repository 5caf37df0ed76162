/*
 * The library's allocation hooks with the long-token path fixed: the copy
 * goes back through the free hook on both paths. The hooks may also be
 * switched to a debugging pair defined here; calls through them are calls
 * to either pair, which allocate and free alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *debug_malloc(size_t n) {
  void *p = malloc(n);
  fprintf(stderr, "alloc %zu -> %p\n", n, p);
  return p;
}

static void debug_free(void *p) {
  fprintf(stderr, "free %p\n", p);
  free(p);
}

static void *(*lib_malloc_fn)(size_t) = malloc;
static void (*lib_free_fn)(void *) = free;
#define lib_malloc(n) lib_malloc_fn(n)
#define lib_free(p) lib_free_fn(p)

void lib_debug_allocations(void) {
  lib_malloc_fn = debug_malloc;
  lib_free_fn = debug_free;
}

int lib_token_check(const char *tok, size_t max) {
  size_t n = strlen(tok);
  char *copy = lib_malloc(n + 1);
  if (!copy) return -1;
  memcpy(copy, tok, n + 1);
  if (n > max) {
    lib_free(copy);
    return -1;
  }
  int ok = copy[0] != '-';
  lib_free(copy);
  return ok;
}
