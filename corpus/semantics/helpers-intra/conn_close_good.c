/*
 * A client keeps its socket and receive buffer in a struct on its stack and
 * releases both through `conn_close()`, a helper defined in this file. The
 * helper's body closes `c->fd` and frees `c->buf`; a summary of it lets the
 * caller see both released, so nothing is reported. (Needs function
 * summaries: the release happens in another function.)
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
  int fd;
  char *buf;
  size_t cap;
};

static void conn_close(struct conn *c) {
  close(c->fd);
  free(c->buf);
}

long fetch_status(const struct sockaddr_in *sa) {
  struct conn c;
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c.fd < 0) return -1;
  c.cap = 512;
  c.buf = malloc(c.cap);
  if (!c.buf) {
    close(c.fd);
    return -1;
  }
  long status = -1;
  if (connect(c.fd, (const struct sockaddr *)sa, sizeof *sa) == 0 &&
      send(c.fd, "STATUS\n", 7, 0) == 7) {
    ssize_t n = recv(c.fd, c.buf, c.cap - 1, 0);
    if (n > 0) {
      c.buf[n] = '\0';
      status = strtol(c.buf, NULL, 10);
    }
  }
  conn_close(&c);
  return status;
}
