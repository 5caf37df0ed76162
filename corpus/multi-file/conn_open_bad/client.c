/* Exercises (with net.c): the socket returned by conn_open() leaks when the
   request cannot be written. */
#include "net.h"

#include <string.h>
#include <unistd.h>

int fetch_banner(const char *host, char *buf, size_t bufsz) {
  int fd = conn_open(host, "25"); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  const char *hello = "EHLO example.org\r\n";
  if (write(fd, hello, strlen(hello)) < 0) return -1;
  ssize_t n = read(fd, buf, bufsz - 1);
  close(fd);
  if (n < 0) return -1;
  buf[n] = '\0';
  return (int)n;
}
