/* Exercises (with dlbuf.c): the spooler fills a download buffer and hands
   it by value to dl_buf_release(), defined in the other file. */
#include "dlbuf.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int dl_spool(const char *path, size_t len) {
  struct dl_buf b;
  b.len = len;
  b.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (b.fd < 0) return -1;
  b.data = malloc(len); // expect: connlint-memory-leak
  if (!b.data) {
    close(b.fd);
    return -1;
  }
  ssize_t n = write(b.fd, b.data, b.len);
  dl_buf_release(b);
  return n == (ssize_t)len ? 0 : -1;
}
