/* Exercises: a struct holding a freshly allocated buffer is copied into
   another local struct; neither copy leaves the function, so the buffer
   leaks when the function returns. */
#include <stdlib.h>
#include <string.h>

struct line {
  char *text;
  size_t len;
};

size_t measure(const char *src) {
  struct line tmp;
  tmp.len = strlen(src);
  tmp.text = malloc(tmp.len + 1); // expect: connlint-memory-leak
  if (!tmp.text) return 0;
  memcpy(tmp.text, src, tmp.len + 1);
  struct line copy = tmp;
  return copy.len;
}
