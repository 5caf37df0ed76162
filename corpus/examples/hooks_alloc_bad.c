/*
 * Allocation through function pointers: the library calls its embedder's
 * allocator as hooks.alloc (through the macro lib_malloc) or through a
 * struct hooks pointer. Rules named hooks.alloc and hooks.release describe
 * both; the early returns leak what the hooks allocated.
 * connlint-rules: hooks.rules
 */
#include <stddef.h>
#include <string.h>

struct hooks {
  void *(*alloc)(size_t n);
  void (*release)(void *p);
};
extern struct hooks hooks;

#define lib_malloc(n) hooks.alloc(n)
#define lib_free(p) hooks.release(p)

char *copy_name(const char *name, size_t max) {
  char *out = lib_malloc(max + 1); // expect: connlint-memory-leak
  if (out == NULL) return NULL;
  if (strlen(name) > max) return NULL; /* out is never freed */
  strcpy(out, name);
  return out;
}

int scratch(struct hooks *h, size_t n) {
  char *buf = h->alloc(n); // expect: connlint-memory-leak
  if (buf == NULL) return -1;
  memset(buf, 0, n);
  if (n > 4096) return -1;
  h->release(buf);
  return 0;
}
