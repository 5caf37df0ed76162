/*
 * A status probe connects to a numeric IPv4 address and sends one line. When
 * connect() fails the function returns -1 without closing the socket, so the
 * descriptor created by socket() is still owned at that return: one leak,
 * reported at the socket() call. The failed-socket() return owns nothing.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int probe_send(const char *ip, unsigned short port, const char *line) {
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1) return -1;

  int fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) return -1;

  size_t len = strlen(line);
  ssize_t n = write(fd, line, len);
  close(fd);
  return n == (ssize_t)len ? 0 : -1;
}
