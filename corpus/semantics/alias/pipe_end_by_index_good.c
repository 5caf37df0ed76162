/* Exercises: a helper that keeps one end of a pipe and closes the other,
   choosing the end by a computed index. Which element is released cannot
   be told, so the pipe's descriptors must not be reported as leaked. */
#include <unistd.h>

int keep_end(unsigned end) {
  int fds[2];
  if (pipe(fds) < 0) return -1;
  close(fds[(end + 1) % 2]);
  return fds[end % 2];
}
