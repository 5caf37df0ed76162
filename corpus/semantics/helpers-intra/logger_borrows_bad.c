/*
 * An accept handler logs the peer address through `log_peer()`, a helper
 * defined here that only calls getpeername() and fprintf() on the
 * descriptor: its summary borrows the argument. The handler then rejects the
 * client when the server is full and returns without closing it: a leak at
 * accept(). (Needs function summaries: without one, passing the descriptor
 * to a function would count as an escape.)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static void log_peer(int fd) {
  struct sockaddr_in sa;
  socklen_t len = sizeof sa;
  char ip[INET_ADDRSTRLEN] = "?";
  if (getpeername(fd, (struct sockaddr *)&sa, &len) == 0)
    inet_ntop(AF_INET, &sa.sin_addr, ip, sizeof ip);
  fprintf(stderr, "client %s on fd %d\n", ip, fd);
}

int accept_client(int lfd, int nclients, int max_clients, int *slot) {
  int fd = accept(lfd, NULL, NULL); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  log_peer(fd);
  if (nclients >= max_clients) {
    fprintf(stderr, "server full\n");
    return -1;
  }
  *slot = fd;
  return 0;
}
