/*
 * A client keeps its connection in a local struct: the socket goes into
 * `c.fd` and the receive buffer into `c.buf`, and both are released through
 * the fields. The struct is a local, so nothing escapes; everything is
 * released on every path after acquisition.
 */
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
  int fd;
  char *buf;
  size_t cap;
};

long fetch_banner(const struct sockaddr *sa, socklen_t salen, char *out, size_t outcap) {
  struct conn c;
  c.fd = socket(sa->sa_family, SOCK_STREAM, 0);
  if (c.fd < 0) return -1;
  c.cap = 4096;
  c.buf = malloc(c.cap);
  if (!c.buf) {
    close(c.fd);
    return -1;
  }

  long n = -1;
  if (connect(c.fd, sa, salen) == 0) {
    ssize_t r = recv(c.fd, c.buf, c.cap, 0);
    if (r > 0 && (size_t)r < outcap) {
      for (ssize_t i = 0; i < r; i++)
        out[i] = c.buf[i];
      n = r;
    }
  }
  free(c.buf);
  close(c.fd);
  return n;
}
