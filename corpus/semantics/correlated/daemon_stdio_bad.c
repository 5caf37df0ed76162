/* Exercises: the same daemon idiom, but a failed dup2() returns early and
   leaves the /dev/null descriptor open when it is not a standard stream. */
#include <fcntl.h>
#include <unistd.h>

int redirect_stdio(void) {
  int fd = open("/dev/null", O_RDWR); // expect: connlint-fd-leak
  if (fd == -1) return -1;
  if (dup2(fd, STDIN_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0) return -1;
  if (fd > STDERR_FILENO) close(fd);
  return 0;
}
