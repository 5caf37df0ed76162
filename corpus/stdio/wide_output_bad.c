/*
 * A report tool converts a UTF-8 title into a wide-character buffer and
 * prints it with fwprintf(). Printing only reads the buffer; when writing
 * the banner fails the function returns without freeing it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int print_title(FILE *out, const char *title) {
  size_t n = strlen(title) + 1;
  wchar_t *w = calloc(n, sizeof *w); // expect: connlint-memory-leak
  if (!w) return -1;
  if (mbstowcs(w, title, n) == (size_t)-1) {
    free(w);
    return -1;
  }
  if (fwprintf(out, L"== %ls ==\n", w) < 0) return -1;
  fputws(L"\n", out);
  free(w);
  return 0;
}
