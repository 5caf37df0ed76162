/*
 * A worker session keeps its backend link in a struct of its own
 * (s->link->sock). session_attach() puts a socket there, then registers it
 * with the worker's epoll set. When the socket option fails it closes the
 * socket and clears the field before returning -1; when epoll_ctl() fails
 * it returns -1 with the socket still in s->link->sock. Its callers take
 * nothing from a -1, so the socket leaks at that return.
 */
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

struct link {
  int sock;
  unsigned flags;
};

struct session {
  int epfd;
  struct link *link;
};

int session_attach(struct session *s) {
  s->link->sock = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (s->link->sock < 0) return -1;
  int one = 1;
  if (setsockopt(s->link->sock, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one) < 0) {
    close(s->link->sock);
    s->link->sock = -1;
    return -1;
  }
  struct epoll_event ev = {.events = EPOLLIN};
  ev.data.ptr = s;
  if (epoll_ctl(s->epfd, EPOLL_CTL_ADD, s->link->sock, &ev) < 0) return -1;
  return 0;
}
