/*
 * A server built without TLS: the TLS connection constructor is a stub
 * that always returns NULL. The accept handler takes it only when TLS is
 * configured, and goes straight to conn_state(), which reads conn->state
 * before anything else: with the stub's NULL that call crashes, so the
 * path on which the accepted descriptor would be lost never finishes (and
 * the configuration refuses TLS in such a build). The plain constructor
 * takes the descriptor over. No finding.
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
  return c->state;
}

void accept_handler(int lfd) {
  int fd = accept(lfd, NULL, NULL);
  if (fd < 0) return;
  struct conn *c = tls_configured ? conn_new_tls(fd) : conn_new_socket(fd);
  if (conn_state(c) != CONN_ACCEPTING) {
    conn_close(c);
    return;
  }
  conn_accept(c);
}
