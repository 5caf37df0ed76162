/*
 * The same self-pipe with a bigger buffer: F_SETPIPE_SZ can fail (EBUSY,
 * EPERM over the user's limit), and the error return leaves both ends open.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int wakeup_init(int *rd, int *wr, int size) {
  int fds[2];
  if (pipe(fds) != 0) return -1; // expect: connlint-fd-leak
  if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 || fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (fcntl(fds[1], F_SETPIPE_SZ, size) < 0) return -1;
  *rd = fds[0];
  *wr = fds[1];
  return 0;
}
