/*
 * A client helper dials a backend and hands the connected socket back
 * through an out-parameter, returning 0 on success and -1 on failure: its
 * first failure return hands nothing back. It stores the socket into *out
 * before sending the greeting, and when the greeting fails it returns -1
 * with the socket still there. Callers that see -1 take nothing, so the
 * socket leaks in this function, at that return.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int backend_dial(const struct sockaddr_in *sa, const char *hello, int *out) {
  int fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) < 0) {
    close(fd);
    return -1;
  }
  *out = fd;
  size_t n = strlen(hello);
  if (send(fd, hello, n, 0) != (ssize_t)n) return -1;
  return 0;
}
