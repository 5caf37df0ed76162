/* Exercises (with server.c): helpers in another file; conn_new stores the
   fd in a new heap object and conn_free closes the fd and frees it. */
#include "conn.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct conn *conn_new(int fd) {
  struct conn *c = malloc(sizeof *c);
  if (!c) return NULL;
  c->fd = fd;
  c->used = 0;
  return c;
}

void conn_free(struct conn *c) {
  close(c->fd);
  free(c);
}

int conn_printf(struct conn *c, const char *fmt, ...) {
  char out[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(out, sizeof out, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof out) return -1;
  return write(c->fd, out, (size_t)n) == n ? 0 : -1;
}

int conn_read_line(struct conn *c, char *line, size_t linesz) {
  for (;;) {
    char *nl = memchr(c->rbuf, '\n', c->used);
    if (nl) {
      size_t len = (size_t)(nl - c->rbuf);
      if (len >= linesz) return -1;
      memcpy(line, c->rbuf, len);
      line[len] = '\0';
      c->used -= len + 1;
      memmove(c->rbuf, nl + 1, c->used);
      return (int)len;
    }
    if (c->used == sizeof c->rbuf) return -1;
    ssize_t n = read(c->fd, c->rbuf + c->used, sizeof c->rbuf - c->used);
    if (n <= 0) return -1;
    c->used += (size_t)n;
  }
}
