/*
 * The slurp loop with realloc() done right: the result goes to a temporary,
 * the old block is freed when realloc() fails, and the pointer is replaced
 * only on success (realloc() has taken over the old block then). Nothing is
 * lost; the buffer is returned to the caller.
 */
#include <stdlib.h>
#include <unistd.h>

char *slurp_fd(int fd, size_t *len_out) {
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  if (!buf) return NULL;

  for (;;) {
    if (len == cap) {
      char *tmp = realloc(buf, cap * 2);
      if (!tmp) {
        free(buf);
        return NULL;
      }
      buf = tmp;
      cap *= 2;
    }
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0) {
      free(buf);
      return NULL;
    }
    if (n == 0) break;
    len += (size_t)n;
  }
  *len_out = len;
  return buf;
}
