/* Exercises (with listener.c): a helper in another file storing its
   argument in a file-scope table (escape); the table closes everything
   at shutdown. */
#include "registry.h"

#include <unistd.h>

#define MAX_CLIENTS 128

static int clients[MAX_CLIENTS];
static int nclients;

int registry_add(int fd) {
  if (nclients == MAX_CLIENTS) return -1;
  clients[nclients++] = fd;
  return 0;
}

void registry_close_all(void) {
  while (nclients > 0)
    close(clients[--nclients]);
}
