/*
 * Opens a key file and tests the result with `fd <= 0`. Zero is a valid
 * descriptor (when stdin was closed, open() returns it), so the `fd == 0`
 * path takes the error return while owning the descriptor: a real, if rare,
 * leak at open(). The negative values on that branch own nothing.
 */
#include <fcntl.h>
#include <unistd.h>

ssize_t key_read(const char *path, unsigned char *key, size_t len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC); // expect: connlint-fd-leak
  if (fd <= 0) return -1;
  ssize_t n = read(fd, key, len);
  close(fd);
  return n;
}
