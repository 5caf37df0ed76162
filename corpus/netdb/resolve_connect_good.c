/*
 * The dialer with the getaddrinfo() result code kept in a variable and
 * reported with gai_strerror(); the non-zero path owns nothing. The list is
 * freed on every later path, and the connected socket is returned.
 */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int dial_first(const char *host, const char *port) {
  struct addrinfo hints, *res;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;

  int rc = getaddrinfo(host, port, &hints, &res);
  if (rc) {
    fprintf(stderr, "%s: %s\n", host, gai_strerror(rc));
    return -1;
  }

  int fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  if (fd < 0) {
    freeaddrinfo(res);
    return -1;
  }
  if (connect(fd, res->ai_addr, res->ai_addrlen) < 0) {
    close(fd);
    freeaddrinfo(res);
    return -1;
  }
  freeaddrinfo(res);
  return fd;
}
