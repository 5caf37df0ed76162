/*
 * The listener with the address list freed as soon as bind() is done, so no
 * later error path can forget it. The socket is closed on each failure and
 * stored in the server struct on success.
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
  if (getaddrinfo(NULL, service, &hints, &res) != 0) return -1;

  int fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  if (fd < 0) {
    freeaddrinfo(res);
    return -1;
  }
  int one = 1;
  int bound = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
              bind(fd, res->ai_addr, res->ai_addrlen) == 0;
  freeaddrinfo(res);
  if (!bound || listen(fd, srv->backlog) != 0) {
    close(fd);
    return -1;
  }
  srv->lfd = fd;
  return 0;
}
