/*
 * collector_dial() hands the connected socket back in *out. Its first
 * failure returns -errno, so the function alone does not show that -1
 * means "nothing handed back"; its callers (agent.c) do: each tests the
 * result and, on failure, returns without touching the descriptor. When
 * connect() fails the socket is already in *out and -1 is returned: the
 * socket leaks here.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dial.h"

int collector_dial(const char *path, int *out) {
  struct sockaddr_un sa;
  int fd = socket(AF_UNIX, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) return -errno;
  *out = fd;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  strncpy(sa.sun_path, path, sizeof sa.sun_path - 1);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) return -1;
  return 0;
}
