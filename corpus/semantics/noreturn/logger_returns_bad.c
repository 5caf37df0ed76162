/*
 * `log_error()` looks like a fatal-error helper but is an ordinary function
 * declared without noreturn (it only logs), and it does not take the
 * socket. After it returns, the function returns -1 with the socket open: a
 * leak at socket(). Only real noreturn calls end a path.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

void log_error(const char *fmt, ...);

int upstream_connect(const struct sockaddr_in *sa) {
  int fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) {
    log_error("socket failed");
    return -1;
  }
  if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) {
    log_error("connect to upstream failed");
    return -1;
  }
  return fd;
}
