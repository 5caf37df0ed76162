/*
 * A download buffer travels by value: `struct dl_buf` (descriptor and
 * heap data) is handed to dl_buf_close(), which closes the descriptor of
 * the copy it receives, the caller's descriptor, but forgets the data.
 * The descriptor is released; the buffer leaks.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct dl_buf {
  int fd;
  char *data;
  size_t len;
};

static void dl_buf_close(struct dl_buf b) {
  if (b.fd >= 0) close(b.fd);
}

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
  dl_buf_close(b);
  return n == (ssize_t)len ? 0 : -1;
}
