/*
 * The download buffer released by value: dl_buf_release() receives a copy
 * of the struct and closes and frees what that copy holds, which is the
 * caller's descriptor and buffer. A struct handed by value to a function
 * nobody here describes may be kept there: its fields escape.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct dl_buf {
  int fd;
  char *data;
  size_t len;
};

void dl_queue_push(struct dl_buf b); /* another component, keeps the buffer */

static void dl_buf_release(struct dl_buf b) {
  if (b.fd >= 0) close(b.fd);
  free(b.data);
}

int dl_spool(const char *path, size_t len) {
  struct dl_buf b;
  b.len = len;
  b.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (b.fd < 0) return -1;
  b.data = malloc(len);
  if (!b.data) {
    close(b.fd);
    return -1;
  }
  ssize_t n = write(b.fd, b.data, b.len);
  dl_buf_release(b);
  return n == (ssize_t)len ? 0 : -1;
}

int dl_spool_async(const char *path, size_t len) {
  struct dl_buf b;
  b.len = len;
  b.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (b.fd < 0) return -1;
  b.data = malloc(len);
  if (!b.data) {
    close(b.fd);
    return -1;
  }
  dl_queue_push(b);
  return 0;
}
