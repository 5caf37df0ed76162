/*
 * A server's self-pipe, made close-on-exec by hand where pipe2() is
 * missing. fcntl(F_SETFD) fails only on a bad descriptor, and these two
 * come straight from pipe(): the `return -1` after it is taken only when
 * pipe() itself failed, with nothing acquired. No leak.
 */
#include <fcntl.h>
#include <unistd.h>

int pipe_cloexec(int fds[2]) {
  if (pipe(fds) != 0 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
      fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0)
    return -1;
  return 0;
}

int wakeup_init(int *rd, int *wr) {
  int fds[2];
  if (pipe_cloexec(fds) != 0) return -1;
  *rd = fds[0];
  *wr = fds[1];
  return 0;
}
