/*
 * A relay logs each chunk to a trace file. A compile-time switch, a
 * `static const` object, turns on an experimental zero-copy path that
 * returns before the trace file is closed; the switch is off, so that
 * return is never taken and the trace file is always closed. No finding.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>

static const int zero_copy = 0;

int relay_splice(int fd, const char *buf, size_t len);

int relay_chunk(int fd, const char *buf, size_t len) {
  FILE *trace = fopen("/var/log/relay.trace", "a");
  if (!trace) return -1;
  if (zero_copy) return relay_splice(fd, buf, len);
  ssize_t n = send(fd, buf, len, 0);
  fprintf(trace, "%zd\n", n);
  fclose(trace);
  return n < 0 ? -1 : 0;
}
