/*
 * Saves a state file atomically: write to a temporary file, then rename it
 * over the old one. A short write returns -1 after unlinking the temporary
 * name but never closes the descriptor that mkstemp() returned; so does a
 * failed fsync(), since `||` then skips close(). unlink() takes a path, not
 * the descriptor. Two leak points, one finding at the mkstemp() call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int save_state(const char *path, const char *data, size_t len) {
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) return -1;

  int fd = mkstemp(tmp); // expect: connlint-fd-leak
  if (fd == -1) return -1;

  if (write(fd, data, len) != (ssize_t)len) {
    unlink(tmp);
    return -1;
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    unlink(tmp);
    return -1;
  }
  return rename(tmp, path);
}
