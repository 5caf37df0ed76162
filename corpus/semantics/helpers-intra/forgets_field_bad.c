/*
 * The same client, but its `conn_close()` helper closes the socket and
 * forgets the buffer. The helper's summary releases `c->fd` and only
 * borrows `c->buf` (it prints it), so after the call the buffer is still
 * the caller's, and the caller's struct dies at return: a leak at the
 * malloc() in the caller. (Needs function summaries.)
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
  int fd;
  char *buf;
  size_t cap;
};

static void conn_close(struct conn *c) {
  if (c->buf) fprintf(stderr, "last reply: %.32s\n", c->buf);
  close(c->fd);
}

long fetch_status(const struct sockaddr_in *sa) {
  struct conn c;
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c.fd < 0) return -1;
  c.cap = 512;
  c.buf = malloc(c.cap); // expect: connlint-memory-leak
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
