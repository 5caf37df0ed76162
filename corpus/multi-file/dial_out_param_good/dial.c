/*
 * collector_dial() hands the socket back in *out, and leaves it there when
 * connect() fails: its callers (agent.c) close whatever *out holds when
 * the dial fails, so in this program -1 does not mean "nothing handed
 * back", even though the function's first failure hands nothing back.
 * No finding.
 */
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dial.h"

int collector_dial(const char *path, int *out) {
  struct sockaddr_un sa;
  *out = -1;
  if (strlen(path) >= sizeof sa.sun_path) return -1;
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  *out = fd;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  strcpy(sa.sun_path, path);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) return -1;
  return 0;
}
