/*
 * The atomic state save with the descriptor closed on the short-write and
 * fsync-failure paths. A failed close() still frees the descriptor, so its
 * error path owns nothing. Nothing leaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int save_state(const char *path, const char *data, size_t len) {
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) return -1;

  int fd = mkstemp(tmp);
  if (fd == -1) return -1;

  if (write(fd, data, len) != (ssize_t)len) {
    close(fd);
    unlink(tmp);
    return -1;
  }
  if (fsync(fd) != 0) {
    close(fd);
    unlink(tmp);
    return -1;
  }
  if (close(fd) != 0) {
    unlink(tmp);
    return -1;
  }
  return rename(tmp, path);
}
