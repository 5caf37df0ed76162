/*
 * Round-trips each message through a fresh pipe (a self-test of a framing
 * layer). The read end is closed every turn, the write end never is: each
 * turn's pipe() overwrites the previous write end, and the last one leaks
 * when the loop ends. One finding at the pipe() call, the leak, rather than
 * a leak and a lost reference on the same line.
 */
#include <string.h>
#include <unistd.h>

int round_trip(const char *const *msgs, int n, char *buf, unsigned long len) {
  int fd[2];
  for (int i = 0; i < n; i++) {
    if (pipe(fd)) // expect: connlint-fd-leak
      return -1;
    unsigned long m = strlen(msgs[i]);
    if (m > len) m = len;
    if (write(fd[1], msgs[i], m) < 0 || read(fd[0], buf, len) < 0) {
      close(fd[0]);
      break;
    }
    close(fd[0]);
  }
  return 0;
}
