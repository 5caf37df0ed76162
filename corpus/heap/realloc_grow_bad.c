/*
 * Reads a whole descriptor into a growing buffer. `buf = realloc(buf, cap)`
 * overwrites the only pointer to the old block with NULL when realloc()
 * fails, and the old block is lost: a lost reference at that assignment.
 * On success the buffer is returned to the caller.
 */
#include <stdlib.h>
#include <unistd.h>

char *slurp_fd(int fd, size_t *len_out) {
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  if (!buf) return NULL;

  for (;;) {
    if (len == cap) {
      cap *= 2;
      buf = realloc(buf, cap); // expect: connlint-lost-reference
      if (!buf) return NULL;
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
