/*
 * The classic getaddrinfo() loop: try each address until one connects. When
 * connect() fails the loop `continue`s to the next address without closing
 * the socket it just created, so that socket is still owned at the end of
 * its scope (it is declared in the loop body). A leak at socket(). The
 * address list is freed on every path.
 */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int dial_any(const char *host, const char *port) {
  struct addrinfo hints, *res, *ai;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &res) != 0) return -1;

  int conn = -1;
  for (ai = res; ai != NULL; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol); // expect: connlint-fd-leak
    if (fd < 0) continue;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) continue;
    conn = fd;
    break;
  }
  freeaddrinfo(res);
  return conn;
}
