/*
 * A cleanup variable runs its cleanup once, on the value it holds at scope
 * exit. Reusing the AUTOCLOSE variable for a second file overwrites the
 * first descriptor while it is still open: a lost reference at the second
 * open(). The second descriptor is closed by the cleanup, so nothing else
 * is reported.
 */
#include <fcntl.h>
#include <unistd.h>

static inline void closep(int *fd) {
  if (*fd >= 0) close(*fd);
}
#define AUTOCLOSE __attribute__((cleanup(closep)))

int compare_headers(const char *a, const char *b) {
  unsigned char ha[16], hb[16];
  AUTOCLOSE int fd = open(a, O_RDONLY);
  if (fd < 0) return -1;
  if (read(fd, ha, sizeof ha) != (ssize_t)sizeof ha) return -1;
  fd = open(b, O_RDONLY); // expect: connlint-lost-reference
  if (fd < 0) return -1;
  if (read(fd, hb, sizeof hb) != (ssize_t)sizeof hb) return -1;
  for (int i = 0; i < 16; i++)
    if (ha[i] != hb[i]) return 1;
  return 0;
}
