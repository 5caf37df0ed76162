/*
 * systemd-style `_cleanup_(freep)` on a buffer declared in an inner block.
 * `goto out` leaves the block, which runs the cleanup before reaching the
 * label; falling out of the block runs it too. The buffer is freed on
 * every path.
 */
#include <stdlib.h>
#include <unistd.h>

static inline void freep(void *p) {
  free(*(void **)p);
}
#define _cleanup_(f) __attribute__((cleanup(f)))

int read_record(int fd, size_t len, unsigned *checksum) {
  int rc = -1;
  {
    _cleanup_(freep) unsigned char *buf = malloc(len);
    if (!buf) goto out;
    if (read(fd, buf, len) != (ssize_t)len) goto out;
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++)
      sum = (sum << 1 | sum >> 31) ^ buf[i];
    *checksum = sum;
    rc = 0;
  }
out:
  return rc;
}
