/*
 * Case labels that are macros from headers (ECONNRESET is not known without
 * errno.h) make the switch a chain of comparisons, so every case stays
 * reachable; the leak in the EPIPE case is found.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

int retry(int fd, char *buf, size_t n) {
  char *tmp = malloc(n);
  if (!tmp) return -1;
  ssize_t got = read(fd, tmp, n);
  if (got < 0) {
    switch (errno) {
    case ECONNRESET:
      free(tmp);
      return 1;
    case EPIPE:
      return 2; /* leaks */
    default:
      free(tmp);
      return -1;
    }
  }
  free(tmp);
  return 0;
}
