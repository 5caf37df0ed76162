/*
 * Constructors that return the acquisition's result directly, without
 * naming it: `return socket(...)`, `return fdopen(...)`, `return strdup(...)`.
 * The result is not dropped, it is handed to the caller. The fdopen()
 * variant closes the descriptor itself when fdopen() fails.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int udp_socket(int family) {
  return socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

char *label_copy(const char *s) {
  return strdup(s ? s : "unnamed");
}

FILE *stream_from_fd(int fd, const char *mode) {
  FILE *fp = fdopen(fd, mode);
  if (!fp) close(fd);
  return fp;
}
