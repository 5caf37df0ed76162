/* Exercises: the daemon idiom that points stdin, stdout and stderr at
   /dev/null and closes the descriptor only when it is not one of them
   (`fd > STDERR_FILENO`); when open() returned 0, 1 or 2 the descriptor
   now is a standard stream and must stay open. */
#include <fcntl.h>
#include <unistd.h>

void redirect_stdio(void) {
  int fd = open("/dev/null", O_RDWR);
  if (fd == -1) return;
  dup2(fd, STDIN_FILENO);
  dup2(fd, STDOUT_FILENO);
  dup2(fd, STDERR_FILENO);
  if (fd > STDERR_FILENO) close(fd);
}
