/*
 * A pipe helper in the style of many daemons: the descriptors go into the
 * array the caller passed. An array parameter is a pointer to the caller's
 * array, so both ends belong to the caller, on every path; when setting a
 * flag fails, both are closed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int make_pipe(int fds[2], int nonblock) {
  if (pipe2(fds, O_CLOEXEC)) return -1;
  if (!nonblock) return 0;
  if (fcntl(fds[0], F_SETFL, O_NONBLOCK) == -1) goto error;
  if (fcntl(fds[1], F_SETFL, O_NONBLOCK) == -1) goto error;
  return 0;
error:
  close(fds[0]);
  close(fds[1]);
  return -1;
}
