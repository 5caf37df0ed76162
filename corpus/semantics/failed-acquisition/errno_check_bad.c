/*
 * Opens a FIFO and decides success by testing errno instead of the result.
 * errno is not cleared by a successful call and may hold a stale value, so
 * the error return is feasible with the descriptor open: a leak at open().
 * (Nothing ties errno to the result, so the analyzer must keep both
 * possibilities.)
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int fifo_notify(const char *path, char byte) {
  int fd = open(path, O_WRONLY | O_NONBLOCK); // expect: connlint-fd-leak
  if (errno == ENXIO || errno == ENOENT) return 0;
  if (fd < 0) return -1;
  ssize_t n = write(fd, &byte, 1);
  close(fd);
  return n == 1 ? 0 : -1;
}
