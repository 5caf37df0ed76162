/*
 * A tiny command server reads one command byte from a client it accepted
 * and dispatches on it. The `'Q'` (quit) case returns straight out of the
 * switch without closing the client socket, which is still owned there: a
 * leak at accept(). The other cases break to the common close().
 */
#include <sys/socket.h>
#include <unistd.h>

int serve_one(int lfd, long *counter) {
  int c = accept(lfd, NULL, NULL); // expect: connlint-fd-leak
  if (c < 0) return -1;
  char cmd;
  if (read(c, &cmd, 1) != 1) {
    close(c);
    return -1;
  }
  switch (cmd) {
  case '+': (*counter)++; break;
  case '-': (*counter)--; break;
  case 'Q': return 1;
  default: write(c, "?\n", 2); break;
  }
  close(c);
  return 0;
}
