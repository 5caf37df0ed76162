/*
 * Copies a file to a socket. open() is checked with `fd < 0` and the
 * function returns at once: on that branch the acquisition failed and there
 * is nothing to close. Every later path closes the file; the socket is a
 * parameter, only borrowed by write().
 */
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

long send_file(int sock, const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;

  char buf[8192];
  long total = 0;
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    if (write(sock, buf, (size_t)n) != n) {
      close(fd);
      return -1;
    }
    total += n;
  }
  close(fd);
  return n < 0 ? -1 : total;
}
