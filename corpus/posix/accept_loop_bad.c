/*
 * An echo server serves a fixed number of clients. The client descriptor is
 * declared inside the loop body, so its scope ends with each iteration. When
 * recv() fails the loop `continue`s without closing it: the accepted socket
 * is still owned at the end of its scope. One leak, at the accept() call.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

int serve_echo(int listen_fd, int max_clients) {
  char buf[512];

  for (int served = 0; served < max_clients; served++) {
    int client = accept(listen_fd, NULL, NULL); // expect: connlint-fd-leak
    if (client < 0) continue;

    ssize_t n = recv(client, buf, sizeof buf, 0);
    if (n <= 0) continue;
    send(client, buf, (size_t)n, 0);
    close(client);
  }
  return 0;
}
