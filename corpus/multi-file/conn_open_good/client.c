/* Exercises (with net.c): the socket returned by conn_open() is closed on
   every path; `fd == -1` is conn_open's failure and owns nothing. */
#include "net.h"

#include <string.h>
#include <unistd.h>

int fetch_banner(const char *host, char *buf, size_t bufsz) {
  int fd = conn_open(host, "25");
  if (fd == -1) return -1;
  const char *hello = "EHLO example.org\r\n";
  ssize_t n = -1;
  if (write(fd, hello, strlen(hello)) >= 0) n = read(fd, buf, bufsz - 1);
  close(fd);
  if (n < 0) return -1;
  buf[n] = '\0';
  return (int)n;
}
