/*
 * upstream_connect() puts the socket into u->fd and then sets it up; when
 * setting the socket non-blocking or connecting fails it returns -1 with
 * the socket still in u->fd. That is this program's convention: its
 * callers (proxy.c) run upstream_close() on failure as on success, and one
 * caller doing so is enough to say the struct owns what was stored in it.
 * No finding.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "upstream.h"

int upstream_connect(struct upstream *u, const char *ip, unsigned short port) {
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1) return -1;
  u->rbuf = NULL;
  u->rlen = 0;
  u->fd = socket(AF_INET, SOCK_STREAM, 0);
  if (u->fd < 0) return -1;
  int fl = fcntl(u->fd, F_GETFL);
  if (fl < 0 || fcntl(u->fd, F_SETFL, fl | O_NONBLOCK) < 0) return -1;
  if (connect(u->fd, (struct sockaddr *)&sa, sizeof sa) < 0) return -1;
  return 0;
}

void upstream_close(struct upstream *u) {
  if (u->fd >= 0) close(u->fd);
  free(u->rbuf);
  u->fd = -1;
  u->rbuf = NULL;
}
