/*
 * Wakes a worker through a pipe created for the purpose: the array is this
 * function's own, and when the write fails both ends are left open.
 */
#include <unistd.h>

int wake_worker(int (*spawn)(int fd)) {
  int fds[2];
  if (pipe(fds) != 0) return -1; // expect: connlint-fd-leak
  if (spawn(fds[0]) != 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (write(fds[1], "x", 1) != 1) return -1;
  close(fds[1]);
  return 0;
}
