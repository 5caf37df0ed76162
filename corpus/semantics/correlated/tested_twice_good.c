/*
 * A metrics exporter may or may not have its UDP socket, depending on
 * whether socket() succeeded. The descriptor's own value is the flag: it is
 * tested with `>= 0` before use and again before close. The same value
 * tested twice gives the same answer, so the "opened but not closed" path is
 * infeasible.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void metrics_flush(const struct sockaddr_in *to, const char *name, long value) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) perror("metrics: socket");

  char line[256];
  int n = snprintf(line, sizeof line, "%s:%ld|c", name, value);
  if (fd >= 0 && n > 0) sendto(fd, line, (size_t)n, 0, (const struct sockaddr *)to, sizeof *to);

  if (fd >= 0) close(fd);
}
