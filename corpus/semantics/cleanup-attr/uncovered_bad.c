/*
 * Only one of two resources has a cleanup attribute. The response buffer is
 * AUTOFREE and released on every exit; the socket is a plain int and the
 * recv() failure path returns without closing it. A leak at socket(); the
 * buffer is not reported.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static inline void freep(char **p) {
  free(*p);
}
#define AUTOFREE __attribute__((cleanup(freep)))

long banner_len(const struct sockaddr_in *sa) {
  AUTOFREE char *buf = malloc(1024);
  if (!buf) return -1;
  int fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) {
    close(fd);
    return -1;
  }
  ssize_t n = recv(fd, buf, 1024, 0);
  if (n <= 0) return -1;
  close(fd);
  return (long)n;
}
