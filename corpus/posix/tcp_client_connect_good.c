/*
 * The same status probe, closing the socket on the connect() failure path as
 * well as after the write. write() only borrows the descriptor. Every path
 * that owns the socket closes it, so nothing is reported.
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

  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    close(fd);
    return -1;
  }

  size_t len = strlen(line);
  ssize_t n = write(fd, line, len);
  close(fd);
  return n == (ssize_t)len ? 0 : -1;
}
