/*
 * Elements written before the test are values, not unwritten memory:
 * fds[0] and fds[1] are set by the code, so `fds[1] == -1` is a real test
 * and the path where it holds leaks the descriptor in fds[0].
 */
#include <fcntl.h>
#include <unistd.h>

int open_pair(const char *a, const char *b) {
  int fds[2];
  fds[0] = open(a, O_RDONLY); // expect: connlint-fd-leak
  if (fds[0] < 0) return -1;
  fds[1] = -1;
  if (b) fds[1] = open(b, O_RDONLY);
  if (fds[1] == -1) return -1;
  close(fds[0]);
  close(fds[1]);
  return 0;
}
