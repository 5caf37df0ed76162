/* Exercises (with conn.c): an accept loop handing each socket to conn_new
   and releasing it through conn_free on every path; the fd is closed
   directly only when conn_new failed and did not take it. */
#include "conn.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int greet(struct conn *c) {
  char line[256];
  if (conn_printf(c, "220 ready\r\n") < 0) return -1;
  if (conn_read_line(c, line, sizeof line) < 0) return -1;
  return conn_printf(c, "250 hello %s\r\n", line);
}

void serve(int lfd) {
  for (;;) {
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0) continue;
    struct conn *c = conn_new(fd);
    if (!c) {
      close(fd);
      continue;
    }
    if (greet(c) < 0) {
      conn_free(c);
      continue;
    }
    conn_printf(c, "221 bye\r\n");
    conn_free(c);
  }
}
