/*
 * The wide-character title printer freeing its buffer on every path,
 * including the failed fwprintf() and a vfwprintf()-based helper.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int wlog(FILE *out, const wchar_t *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vfwprintf(out, fmt, ap);
  va_end(ap);
  return r;
}

int print_title(FILE *out, const char *title) {
  size_t n = strlen(title) + 1;
  wchar_t *w = calloc(n, sizeof *w);
  if (!w) return -1;
  if (mbstowcs(w, title, n) == (size_t)-1 || fwprintf(out, L"== %ls ==\n", w) < 0) {
    free(w);
    return -1;
  }
  wlog(out, L"%ls\n", w);
  free(w);
  return 0;
}
