/*
 * The event loop setup with a goto-based cleanup: every failure after an
 * acquisition jumps to the label that releases what exists so far. On
 * success the listener escapes through the out-parameter and the epoll
 * descriptor is returned, so the caller owns both.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int loop_setup(unsigned short port, int *listen_out) {
  int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) return -1;

  int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (lfd < 0) goto close_ep;

  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_ANY);
  sa.sin_port = htons(port);
  if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0) goto close_lfd;
  if (listen(lfd, 128) < 0) goto close_lfd;

  struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
  if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) < 0) goto close_lfd;

  *listen_out = lfd;
  return ep;

close_lfd:
  close(lfd);
close_ep:
  close(ep);
  return -1;
}
