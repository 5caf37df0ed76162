/*
 * The same probe with an off-by-one in the error path's loop: counting
 * down with `i > 0` closes fds[1] but never fds[0].
 */
#include <unistd.h>

int probe_self_pipe(void) {
  int fds[2];
  char c = 'x';
  if (pipe(fds) < 0) return -1; // expect: connlint-fd-leak
  if (write(fds[1], &c, 1) != 1) {
    for (int i = 1; i > 0; i--)
      close(fds[i]);
    return -1;
  }
  long n = read(fds[0], &c, 1);
  for (int i = 0; i < 2; i++)
    close(fds[i]);
  return n == 1 ? 0 : -1;
}
