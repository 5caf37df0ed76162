/* Exercises (with conn.c): the connection object from conn_new() leaks when
   the greeting fails: that path returns to the loop without conn_free. */
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
    struct conn *c = conn_new(fd); // expect: connlint-memory-leak
    if (!c) {
      close(fd);
      continue;
    }
    if (greet(c) < 0) continue;
    conn_printf(c, "221 bye\r\n");
    conn_free(c);
  }
}
