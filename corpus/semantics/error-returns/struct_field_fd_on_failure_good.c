/*
 * The same upstream setup written both ways a struct the caller owns can
 * be handled: upstream_open() undoes everything it stored before each -1,
 * and listener_open() leaves what it stored for the caller's
 * listener_close(), which its callers run on failure too (it never undoes
 * a store, so nothing says -1 means "nothing left in the struct").
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
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c->fd < 0) return -1;
  if (connect(c->fd, (const struct sockaddr *)sa, sizeof *sa) < 0) {
    close(c->fd);
    c->fd = -1;
    return -1;
  }
  c->rbuf = malloc(16384);
  if (!c->rbuf) {
    close(c->fd);
    c->fd = -1;
    return -1;
  }
  c->rlen = 0;
  return 0;
}

struct listener {
  int fd;
  char *name;
};

int listener_open(struct listener *l, const struct sockaddr_in *sa, const char *name) {
  l->fd = socket(AF_INET, SOCK_STREAM, 0);
  if (l->fd < 0) return -1;
  if (bind(l->fd, (const struct sockaddr *)sa, sizeof *sa) < 0) return -1;
  if (listen(l->fd, 128) < 0) return -1;
  return 0;
}

void listener_close(struct listener *l) {
  if (l->fd >= 0) close(l->fd);
  l->fd = -1;
}
