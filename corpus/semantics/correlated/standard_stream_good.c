/*
 * Reading a password: prefer the controlling terminal, fall back to
 * standard input when there is none. The descriptor is closed only when it
 * is not standard input: on the side where fd equals STDIN_FILENO the code
 * treats it as the standard stream, which it must not close.
 */
#include <fcntl.h>
#include <unistd.h>

long read_password(char *buf, unsigned long len) {
  int fd = open("/dev/tty", O_RDONLY);
  if (-1 == fd) fd = STDIN_FILENO;
  long n = read(fd, buf, len - 1);
  if (n >= 0) buf[n] = '\0';
  if (STDIN_FILENO != fd) close(fd);
  return n;
}
