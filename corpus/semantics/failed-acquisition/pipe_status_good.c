/*
 * A self-pipe for waking an event loop. The error path closes both ends
 * under `-1 != fds[1]`, the write end's initial value. pipe() returns 0 or
 * -1, so once `pipe(fds) < 0` is false the call returned 0 and both
 * descriptors exist: the test is always true, and no path has a live read
 * end next to a write end of -1.
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
  if (pipe(fds) < 0) return -1;
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = fds[0]};
  if (epoll_ctl(p->epfd, EPOLL_CTL_ADD, fds[0], &ev) < 0) {
    if (-1 != fds[1]) { /* the pipe was made */
      close(fds[0]);
      close(fds[1]);
    }
    return -1;
  }
  p->wake[0] = fds[0];
  p->wake[1] = fds[1];
  return 0;
}
