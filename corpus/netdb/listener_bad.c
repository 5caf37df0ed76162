/*
 * Binds a passive listener for a service name. The listener is stored in the
 * server struct reached through the parameter on success, so it escapes.
 * When listen() fails, the socket is closed but the address list is not
 * freed: a leak at getaddrinfo(). The setsockopt() failure path frees both.
 */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct server {
  int lfd;
  int backlog;
};

int server_listen(struct server *srv, const char *service) {
  struct addrinfo hints, *res;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET6;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  if (getaddrinfo(NULL, service, &hints, &res) != 0) // expect: connlint-addrinfo-leak
    return -1;

  int fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  if (fd < 0) {
    freeaddrinfo(res);
    return -1;
  }
  int one = 1;
  if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      bind(fd, res->ai_addr, res->ai_addrlen) != 0) {
    close(fd);
    freeaddrinfo(res);
    return -1;
  }
  if (listen(fd, srv->backlog) != 0) {
    close(fd);
    return -1;
  }
  freeaddrinfo(res);
  srv->lfd = fd;
  return 0;
}
