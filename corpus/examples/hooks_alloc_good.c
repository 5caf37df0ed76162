/*
 * The same hooks used correctly: what hooks.alloc returned is released
 * with hooks.release on every path, whether called through the macro or a
 * struct hooks pointer.
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

int name_length(const char *name, size_t max) {
  char *out = lib_malloc(max + 1);
  if (out == NULL) return -1;
  if (strlen(name) > max) {
    lib_free(out);
    return -1;
  }
  strcpy(out, name);
  int n = (int)strlen(out);
  lib_free(out);
  return n;
}

int scratch(struct hooks *h, size_t n) {
  char *buf = h->alloc(n);
  if (buf == NULL) return -1;
  memset(buf, 0, n);
  h->release(buf);
  return 0;
}
