/*
 * Ownership stolen out of a cleanup variable, the systemd TAKE_FD() way: the
 * macro copies the descriptor and sets the variable to -1, so the cleanup at
 * return closes nothing and the caller gets the socket. The error paths
 * return while the variable still holds it, and the cleanup closes it.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

static inline void closep(int *fd) {
  if (*fd >= 0) close(*fd);
}
#define _cleanup_close_ __attribute__((cleanup(closep)))
#define TAKE_FD(fd)                                                                                \
  ({                                                                                               \
    int _fd_ = (fd);                                                                               \
    (fd) = -1;                                                                                     \
    _fd_;                                                                                          \
  })

int tcp_connect(const struct sockaddr_in *sa, int nodelay) {
  _cleanup_close_ int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof nodelay) < 0) return -1;
  if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) < 0) return -1;
  return TAKE_FD(fd);
}
