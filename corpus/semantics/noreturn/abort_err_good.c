/*
 * A server's startup uses err() from <err.h> for fatal errors and abort() for
 * broken invariants, both while a socket is open. Both never return, so
 * those paths end without a leak. The listening socket is returned on
 * success.
 */
#include <err.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>

int listen_or_die(unsigned short port, int backlog) {
  int fd = socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) err(1, "socket");
  struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) err(1, "bind port %u", port);
  if (backlog <= 0) abort();
  if (listen(fd, backlog) != 0) errx(1, "listen failed");
  return fd;
}
