/* conn.h - a client connection: its socket and its read buffer. */
#ifndef CONN_H
#define CONN_H

#include <stddef.h>

struct conn {
  int fd;
  size_t used;
  char rbuf[4096];
};

/* Takes over fd on success; returns NULL (fd untouched) when out of memory. */
struct conn *conn_new(int fd);
/* Closes c->fd and frees c. */
void conn_free(struct conn *c);
int conn_printf(struct conn *c, const char *fmt, ...);
int conn_read_line(struct conn *c, char *line, size_t linesz);

#endif
