/*
 * A self-pipe probe: checks that a byte makes it through a fresh pipe.
 * Both ends are closed by small counted loops, last end first on the
 * error path, so each turn closes one known element of the pair.
 */
#include <unistd.h>

int probe_self_pipe(void) {
  int fds[2];
  char c = 'x';
  if (pipe(fds) < 0) return -1;
  if (write(fds[1], &c, 1) != 1) {
    for (int i = 1; i >= 0; i--)
      close(fds[i]);
    return -1;
  }
  long n = read(fds[0], &c, 1);
  for (int i = 0; i < 2; i++)
    close(fds[i]);
  return n == 1 ? 0 : -1;
}
