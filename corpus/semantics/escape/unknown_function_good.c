/*
 * An event-loop server registers each accepted client with the loop through
 * `loop_add()`, declared here but defined in another translation unit and
 * named by no rule. What it does with the descriptor is unknowable from
 * this file, so passing it there counts as an escape and the function does
 * not leak it. The failure of loop_add() is handled by closing.
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <unistd.h>

struct loop;
int loop_add(struct loop *lp, int fd, void (*cb)(int fd, void *arg), void *arg);
void on_client_readable(int fd, void *arg);

int accept_one(struct loop *lp, int lfd) {
  int c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (c < 0) return -1;
  if (loop_add(lp, c, on_client_readable, NULL) != 0) {
    close(c);
    return -1;
  }
  return 0;
}
