/*
 * A client builds its session in a struct that is a local of this function.
 * The socket stored in `sess.fd` is not reachable from anywhere once the
 * function returns, and the success path returns without closing it: a leak
 * at socket(). Storing into a local struct is not an escape.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct session {
  int fd;
  unsigned id;
  char peer[64];
};

int session_hello(const struct sockaddr_in *sa, unsigned id) {
  struct session sess;
  memset(&sess, 0, sizeof sess);
  sess.id = id;
  sess.fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (sess.fd < 0) return -1;
  if (connect(sess.fd, (const struct sockaddr *)sa, sizeof *sa) != 0) {
    close(sess.fd);
    return -1;
  }
  char hello[32];
  int n = snprintf(hello, sizeof hello, "HELLO %u\r\n", sess.id);
  if (send(sess.fd, hello, (size_t)n, 0) != n) {
    close(sess.fd);
    return -1;
  }
  return 0;
}
