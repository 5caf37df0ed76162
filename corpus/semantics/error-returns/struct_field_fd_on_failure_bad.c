/*
 * An upstream connection set up in a struct the caller owns: the socket
 * goes into c->fd, then the read buffer is allocated. When connect() fails
 * the function closes the socket and clears c->fd before returning -1, so
 * its convention is that -1 leaves nothing in the struct for the caller to
 * clean up. When the buffer allocation fails it returns -1 with the socket
 * still in c->fd: a caller that sees -1 takes nothing, and the socket
 * leaks here.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct upstream {
  int fd;
  char *rbuf;
  size_t rlen;
};

int upstream_open(struct upstream *c, const struct sockaddr_in *sa) {
  c->fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (c->fd < 0) return -1;
  if (connect(c->fd, (const struct sockaddr *)sa, sizeof *sa) < 0) {
    close(c->fd);
    c->fd = -1;
    return -1;
  }
  c->rbuf = malloc(16384);
  if (!c->rbuf) return -1;
  c->rlen = 0;
  return 0;
}
