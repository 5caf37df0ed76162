/*
 * Sets up an event loop: an epoll instance and a listening TCP socket
 * registered with it. On success the epoll descriptor is returned and the
 * listener is stored through the out-parameter, so both are the caller's.
 * When bind() fails, the function returns -1 and neither is closed: two
 * leaks, one per acquisition line.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int loop_setup(unsigned short port, int *listen_out) {
  int ep = epoll_create1(EPOLL_CLOEXEC); // expect: connlint-fd-leak
  if (ep < 0) return -1;

  int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0); // expect: connlint-fd-leak
  if (lfd < 0) {
    close(ep);
    return -1;
  }

  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_ANY);
  sa.sin_port = htons(port);
  if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0) return -1;
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
  if (listen(lfd, 128) < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) < 0) {
    close(lfd);
    close(ep);
    return -1;
  }

  *listen_out = lfd;
  return ep;
}
