/*
 * Sends a framed message to a log collector: create a socket, set a send
 * timeout, connect, send the header, send the body. Four error returns after
 * socket(); the first, second and fourth close the socket, the third
 * (header send) forgets to. One leak at socket(), whose only leak point is
 * that third return.
 */
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int collector_send(const struct sockaddr_in *sa, const void *body, uint32_t len) {
  int fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) return -1;

  struct timeval tv = {.tv_sec = 2};
  if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0) {
    close(fd);
    return -1;
  }
  if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) {
    close(fd);
    return -1;
  }
  uint32_t hdr = htonl(len);
  if (send(fd, &hdr, sizeof hdr, 0) != (ssize_t)sizeof hdr) return -1;
  if (send(fd, body, len, 0) != (ssize_t)len) {
    close(fd);
    return -1;
  }
  close(fd);
  return 0;
}
