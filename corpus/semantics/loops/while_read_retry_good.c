/*
 * A blocking reader retries on EINTR inside a loop while holding one
 * descriptor; `continue` here stays in the scope that owns the descriptor
 * (it is declared outside the loop), and every exit from the loop reaches
 * the single close().
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

ssize_t read_all(const char *path, char *buf, size_t cap) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  size_t got = 0;
  while (got < cap) {
    ssize_t n = read(fd, buf + got, cap - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fd);
  return (ssize_t)got;
}
