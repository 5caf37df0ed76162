/*
 * Opens a lock file, records errno, and only tests the descriptor a few
 * statements later, after building a message. The test still splits the
 * paths: the `fd == -1` path owns nothing, the other one closes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int lockfile_probe(const char *path, char *msg, size_t cap) {
  int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
  int saved = errno;
  snprintf(msg, cap, "probing %s", path);
  if (fd == -1) {
    snprintf(msg, cap, "%s: %s", path, strerror(saved));
    return saved == EEXIST ? 1 : -1;
  }
  close(fd);
  unlink(path);
  return 0;
}
