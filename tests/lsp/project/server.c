/* The file the LSP tests edit: a connection from the helper in net.c,
   released through the other helper on every path. */
#include <string.h>
#include <unistd.h>

int conn_open(int port);
void conn_release(int fd);

int greet(int port, const char *msg) {
  int fd = conn_open(port);
  if (fd < 0)
    return -1;
  if (write(fd, msg, strlen(msg)) < 0) {
    conn_release(fd);
    return -1;
  }
  conn_release(fd);
  return 0;
}

/* Closes a descriptor the caller may not have opened. */
void drop(int fd) {
  if (fd >= 0) close(fd);
}
