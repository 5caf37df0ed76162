/*
 * The command server with the quit case closing before it returns. Every
 * case, including default, leaves with the client closed.
 */
#include <sys/socket.h>
#include <unistd.h>

int serve_one(int lfd, long *counter) {
  int c = accept(lfd, NULL, NULL);
  if (c < 0) return -1;
  char cmd;
  if (read(c, &cmd, 1) != 1) {
    close(c);
    return -1;
  }
  switch (cmd) {
  case '+': (*counter)++; break;
  case '-': (*counter)--; break;
  case 'Q': close(c); return 1;
  default: write(c, "?\n", 2); break;
  }
  close(c);
  return 0;
}
