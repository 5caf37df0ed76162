/*
 * fspath.c - lexical path arithmetic (see fspath.h).
 *
 * Normalization works on a copy split into components with a small stack;
 * ".." pops a real component, and is kept only where there is nothing to
 * pop in a relative path.
 */
#include "fspath.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool fspath_is_abs(const char *p) {
  return p && p[0] == '/';
}

char *fspath_normalize(Arena *a, const char *p) {
  bool abs = fspath_is_abs(p);
  size_t n = strlen(p);
  /* Components point into `copy`; at most n/2 + 1 of them. */
  char *copy = arena_strndup(a, p, n);
  const char **parts = ARENA_ARRAY(a, const char *, n / 2 + 2);
  int np = 0, nup = 0; /* nup: leading ".." kept in a relative path */
  for (char *s = copy; *s;) {
    while (*s == '/')
      s++;
    if (!*s) break;
    char *e = s;
    while (*e && *e != '/')
      e++;
    char end = *e;
    *e = '\0';
    if (strcmp(s, ".") == 0) {
      /* nothing */
    } else if (strcmp(s, "..") == 0) {
      if (np > nup)
        np--;
      else if (!abs)
        parts[np++] = s, nup++;
    } else {
      parts[np++] = s;
    }
    s = end ? e + 1 : e;
  }
  Buf b = {0};
  if (abs) buf_putc(a, &b, '/');
  for (int i = 0; i < np; i++) {
    if (i) buf_putc(a, &b, '/');
    buf_puts(a, &b, parts[i]);
  }
  if (b.len == 0) buf_putc(a, &b, '.');
  return b.data;
}

char *fspath_abs(Arena *a, const char *dir, const char *p) {
  if (fspath_is_abs(p)) return fspath_normalize(a, p);
  return fspath_normalize(a, arena_printf(a, "%s/%s", dir, p));
}

char *fspath_dirname(Arena *a, const char *p) {
  const char *slash = strrchr(p, '/');
  if (!slash) return arena_strdup(a, ".");
  while (slash > p && slash[-1] == '/')
    slash--;
  if (slash == p) return arena_strdup(a, "/");
  return arena_strndup(a, p, (size_t)(slash - p));
}

const char *fspath_rel(const char *root, const char *p) {
  size_t n = strlen(root);
  if (strcmp(root, "/") == 0) return p[1] ? p + 1 : ".";
  if (strncmp(root, p, n) != 0) return NULL;
  if (p[n] == '\0') return ".";
  if (p[n] != '/') return NULL;
  return p + n + 1;
}

char *fspath_cwd(Arena *a) {
  char buf[PATH_MAX];
  if (!getcwd(buf, sizeof buf)) return NULL;
  return arena_strdup(a, buf);
}
