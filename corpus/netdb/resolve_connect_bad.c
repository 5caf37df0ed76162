/*
 * Resolves a host and connects to the first address. getaddrinfo() fills
 * `res` only when it returns 0. When socket() fails the function returns -1
 * without freeaddrinfo(): the address list leaks, reported at the
 * getaddrinfo() call that acquired it through its out-parameter.
 */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int dial_first(const char *host, const char *port) {
  struct addrinfo hints, *res;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;

  if (getaddrinfo(host, port, &hints, &res) != 0) // expect: connlint-addrinfo-leak
    return -1;

  int fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  if (fd < 0) return -1;
  if (connect(fd, res->ai_addr, res->ai_addrlen) < 0) {
    close(fd);
    freeaddrinfo(res);
    return -1;
  }
  freeaddrinfo(res);
  return fd;
}
