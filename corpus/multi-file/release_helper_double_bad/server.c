/* Exercises (with sock.c): a release through a helper in another file is
   seen: closing again after sock_close() is a double release, and the
   socket from sock_listen() needs nothing more on the other paths. */
#include "sock.h"

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int serve_once(unsigned short port) {
  int lfd = sock_listen(port);
  if (lfd < 0) return -1;
  int cfd = accept(lfd, NULL, NULL);
  if (cfd < 0) {
    sock_close(lfd);
    return -1;
  }
  if (write(cfd, "hello\n", 6) != 6) perror("write");
  sock_close(cfd);
  sock_close(lfd);
  close(cfd); // expect: connlint-double-release
  return 0;
}
