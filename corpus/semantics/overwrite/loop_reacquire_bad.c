/*
 * A log shipper reads each rotated segment in turn. `fd` is declared outside
 * the loop and re-opened for every segment, but the previous descriptor is
 * never closed: each assignment overwrites the last holder of an open
 * descriptor, a lost reference at the open() line. The last descriptor is
 * closed after the loop, so there is no end-of-function leak.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

long ship_segments(const char *base, int nseg, int out) {
  char path[512], buf[4096];
  long total = 0;
  int fd = -1;
  for (int i = 0; i < nseg; i++) {
    snprintf(path, sizeof path, "%s.%d", base, i);
    fd = open(path, O_RDONLY); // expect: connlint-lost-reference
    if (fd < 0) continue;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
      total += write(out, buf, (size_t)n);
  }
  if (fd >= 0) close(fd);
  return total;
}
