/* Exercises (with registry.c): accepted sockets handed to registry_add(),
   which stores them: not a leak here; the one it rejects is closed. */
#include "registry.h"

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int accept_one(int lfd) {
  int fd = accept(lfd, NULL, NULL);
  if (fd < 0) return -1;
  if (registry_add(fd) < 0) {
    fprintf(stderr, "too many clients\n");
    close(fd);
    return -1;
  }
  return 0;
}
