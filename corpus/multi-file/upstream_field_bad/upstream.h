/* An upstream connection of the proxy: a socket and its read buffer. */
#ifndef UPSTREAM_H
#define UPSTREAM_H
#include <stddef.h>

struct upstream {
  int fd;
  char *rbuf;
  size_t rlen;
};

int upstream_connect(struct upstream *u, const char *ip, unsigned short port);
void upstream_close(struct upstream *u);

#endif
