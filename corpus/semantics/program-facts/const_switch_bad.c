/*
 * The same relay with the zero-copy switch on: the constant makes the early
 * return the only way out after fopen(), and it leaves the trace file open.
 * One leak, at fopen().
 */
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>

static const int zero_copy = 1;

int relay_splice(int fd, const char *buf, size_t len);

int relay_chunk(int fd, const char *buf, size_t len) {
  FILE *trace = fopen("/var/log/relay.trace", "a"); // expect: connlint-file-leak
  if (!trace) return -1;
  if (zero_copy) return relay_splice(fd, buf, len);
  ssize_t n = send(fd, buf, len, 0);
  fprintf(trace, "%zd\n", n);
  fclose(trace);
  return n < 0 ? -1 : 0;
}
