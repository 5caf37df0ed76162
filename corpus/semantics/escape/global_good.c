/*
 * A daemon opens its syslog-style fallback socket once and keeps it in a
 * file-scope variable for later calls. A store into a global is an escape:
 * the descriptor outlives the function on purpose.
 */
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int log_sock = -1;

int log_init(const char *path) {
  if (log_sock >= 0) return 0;
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  struct sockaddr_un sun = {.sun_family = AF_UNIX};
  for (int i = 0; path[i] && i < (int)sizeof sun.sun_path - 1; i++)
    sun.sun_path[i] = path[i];
  if (connect(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
    close(fd);
    return -1;
  }
  log_sock = fd;
  return 0;
}
