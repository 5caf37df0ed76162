/*
 * The same self-pipe, but the error path closes only the write end: once
 * pipe() returned 0 both descriptors exist, so the read end leaks when
 * epoll_ctl() fails, whatever the `-1 != fds[1]` test says.
 */
#include <sys/epoll.h>
#include <unistd.h>

struct loop {
  int wake[2];
  int epfd;
};

int loop_wake_init(struct loop *p) {
  int fds[2];
  fds[1] = -1;
  if (pipe(fds) < 0) return -1; // expect: connlint-fd-leak
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = fds[0]};
  if (epoll_ctl(p->epfd, EPOLL_CTL_ADD, fds[0], &ev) < 0) {
    if (-1 != fds[1]) close(fds[1]);
    return -1;
  }
  p->wake[0] = fds[0];
  p->wake[1] = fds[1];
  return 0;
}
