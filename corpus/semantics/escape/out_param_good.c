/*
 * Opens both ends of a self-pipe for signal handling and hands them back
 * through out-parameters. Writes through `*rd` and `*wr` make the caller the
 * owner; the pipe() failure path owns nothing.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int self_pipe(int *rd, int *wr) {
  int p[2];
  if (pipe2(p, O_NONBLOCK | O_CLOEXEC) != 0) return -1;
  *rd = p[0];
  *wr = p[1];
  return 0;
}
