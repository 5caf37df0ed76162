/*
 * Opens a listening UNIX socket and returns it. Returning the descriptor
 * hands ownership to the caller, so the success path is not a leak; the
 * failure paths after socket() close it.
 */
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int unix_listen(const char *path, int backlog) {
  struct sockaddr_un sun = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof sun.sun_path) return -1;
  strcpy(sun.sun_path, path);

  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  unlink(path);
  if (bind(fd, (struct sockaddr *)&sun, sizeof sun) < 0 || listen(fd, backlog) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}
