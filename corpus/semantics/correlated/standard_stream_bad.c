/*
 * The same password reader with an early return on a short read: when the
 * terminal was opened, that return leaves it open. The test against
 * STDIN_FILENO later on does not excuse it.
 */
#include <fcntl.h>
#include <unistd.h>

long read_password(char *buf, unsigned long len) {
  int fd = open("/dev/tty", O_RDONLY); // expect: connlint-fd-leak
  if (-1 == fd) fd = STDIN_FILENO;
  long n = read(fd, buf, len - 1);
  if (n <= 0) return -1;
  buf[n] = '\0';
  if (STDIN_FILENO != fd) close(fd);
  return n;
}
