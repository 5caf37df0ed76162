/* client.c - fetches a reply from the listener into a file. */
#include "app.h"
#include "netio.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Bug: when sending the request fails, the socket is never closed. */
int fetch_to_file(int port, const char *name, const char *path) {
  char req[256], buf[512];
  int fd = net_connect(port);
  if (fd < 0)
    return -1;
  FILE *out = fopen(path, "w");
  if (out == NULL) {
    close(fd);
    return -1;
  }
  int n = snprintf(req, sizeof req, "GET %s\n", name);
  if (send(fd, req, (size_t)n, 0) != n) {
    fclose(out);
    return -1;
  }
  ssize_t got;
  while ((got = recv(fd, buf, sizeof buf, 0)) > 0)
    fwrite(buf, 1, (size_t)got, out);
  fclose(out);
  close(fd);
  return got < 0 ? -1 : 0;
}

/* Correct: every path closes what it opened. */
int ping(int port) {
  int fd = net_connect(port);
  if (fd < 0)
    return -1;
  int rc = net_send_all(fd, "PING\n", 5) == 5 ? 0 : -1;
  close(fd);
  return rc;
}
