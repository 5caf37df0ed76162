/*
 * A connection tracker allocates a node per client and pushes it onto a
 * list whose head the caller owns (`*head`). The node, and the socket stored
 * in it, become reachable from the parameter: both escape. When the node
 * cannot be allocated, the client socket is closed instead.
 */
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct client {
  int fd;
  struct client *next;
};

int track_accept(struct client **head, int lfd) {
  int fd = accept(lfd, NULL, NULL);
  if (fd < 0) return -1;
  struct client *c = malloc(sizeof *c);
  if (!c) {
    close(fd);
    return -1;
  }
  c->fd = fd;
  c->next = *head;
  *head = c;
  return 0;
}
