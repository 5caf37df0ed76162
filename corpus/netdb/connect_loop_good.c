/*
 * The address loop closing the socket before trying the next address. The
 * connected socket leaves the loop through `conn` and is returned; `conn`
 * stays -1 (nothing owned) when every address failed.
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
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) continue;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      close(fd);
      continue;
    }
    conn = fd;
    break;
  }
  freeaddrinfo(res);
  return conn;
}
