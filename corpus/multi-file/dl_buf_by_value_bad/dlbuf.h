/* The download buffer handed around by value (dlbuf.c, spool.c). */
#ifndef DLBUF_H
#define DLBUF_H
#include <stddef.h>

struct dl_buf {
  int fd;
  char *data;
  size_t len;
};

void dl_buf_release(struct dl_buf b);

#endif
