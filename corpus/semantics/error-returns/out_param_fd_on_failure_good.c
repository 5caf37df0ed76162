/*
 * The backend dialer closing the socket and clearing *out when the greeting
 * fails, and a cache lookup that hands back a descriptor it does not own
 * (a cached one) or a fresh one: every path that hands a descriptor out
 * returns 0, and the -1 paths leave nothing behind.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int backend_dial(const struct sockaddr_in *sa, const char *hello, int *out) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) < 0) {
    close(fd);
    return -1;
  }
  *out = fd;
  size_t n = strlen(hello);
  if (send(fd, hello, n, 0) != (ssize_t)n) {
    close(fd);
    *out = -1;
    return -1;
  }
  return 0;
}

static int cached_log_fd = -1;

int log_fd_get(const char *path, int *out) {
  if (cached_log_fd >= 0) {
    *out = cached_log_fd;
    return 0;
  }
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0) return -1;
  *out = fd;
  return 0;
}
