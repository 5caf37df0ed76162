/*
 * The proxy checks a backend with a short-lived connection on the stack,
 * and opens long-lived ones on the heap. Both clean the struct up with
 * upstream_close() on failure, whatever upstream_connect() left in it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "upstream.h"

static int backend_alive(const char *ip, unsigned short port) {
  struct upstream u = {.fd = -1};
  if (upstream_connect(&u, ip, port) < 0) {
    fprintf(stderr, "backend %s:%u down\n", ip, port);
    upstream_close(&u);
    return 0;
  }
  upstream_close(&u);
  return 1;
}

static struct upstream *backend_open(const char *ip, unsigned short port) {
  struct upstream *u = malloc(sizeof *u);
  if (!u) return NULL;
  u->fd = -1;
  u->rbuf = NULL;
  if (upstream_connect(u, ip, port) != 0) {
    upstream_close(u);
    free(u);
    return NULL;
  }
  return u;
}

int main(int argc, char **argv) {
  const char *ip = argc > 1 ? argv[1] : "127.0.0.1";
  if (!backend_alive(ip, 8080)) return 1;
  struct upstream *u = backend_open(ip, 8080);
  if (!u) return 1;
  upstream_close(u);
  free(u);
  return 0;
}
