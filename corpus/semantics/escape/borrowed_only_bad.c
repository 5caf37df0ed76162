/*
 * Sends a greeting on a new connection. send() and fprintf() only borrow
 * their arguments: the socket is still this function's after them, and the
 * function returns without closing it on the success path. A leak at
 * socket(); borrowing is not an escape.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int greet(const struct sockaddr_in *sa, const char *name) {
  int fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) {
    close(fd);
    return -1;
  }
  char msg[128];
  int n = snprintf(msg, sizeof msg, "HELLO %s\r\n", name);
  ssize_t w = send(fd, msg, (size_t)n, MSG_NOSIGNAL);
  fprintf(stderr, "greeted on fd %d (%zd bytes)\n", fd, w);
  return w == n ? 0 : -1;
}
