/*
 * Creates a UNIX-domain control socket. The result of socket() is copied to
 * `fd` right away and only the copy is tested; the failure branch owns
 * nothing whichever name is used. On success the socket is returned.
 */
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int control_connect(const char *path) {
  struct sockaddr_un sun;
  if (strlen(path) >= sizeof sun.sun_path) return -1;
  memset(&sun, 0, sizeof sun);
  sun.sun_family = AF_UNIX;
  strcpy(sun.sun_path, path);

  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int fd = s;
  if (fd < 0) return -1;
  if (connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0) {
    close(s);
    return -1;
  }
  return fd;
}
