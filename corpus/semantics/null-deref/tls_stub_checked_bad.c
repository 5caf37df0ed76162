/*
 * The same accept handler, but the state accessor copes with a missing
 * connection (it tests for NULL first), so the stub's NULL goes on to the
 * early return, and the descriptor the stub never took over is lost: a
 * leak whenever TLS is configured in a build without it. One leak, at
 * accept().
 */
#include <stddef.h>
#include <sys/socket.h>
#include <unistd.h>

enum { CONN_ACCEPTING = 1 };

struct conn {
  int fd;
  int state;
};

int tls_configured;

struct conn *conn_new_socket(int fd);
void conn_close(struct conn *c);
void conn_accept(struct conn *c);

static struct conn *conn_new_tls(int fd) {
  (void)fd;
  return NULL;
}

static int conn_state(const struct conn *c) {
  if (!c) return -1;
  return c->state;
}

void accept_handler(int lfd) {
  int fd = accept(lfd, NULL, NULL); // expect: connlint-fd-leak
  if (fd < 0) return;
  struct conn *c = tls_configured ? conn_new_tls(fd) : conn_new_socket(fd);
  if (conn_state(c) != CONN_ACCEPTING) {
    conn_close(c);
    return;
  }
  conn_accept(c);
}
