/*
 * A reply buffer sized by a header count that includes the header itself:
 * `nitems = count - 1` items follow. The caller's check `nitems > 0` is
 * `count > 1`, so when the buffer was allocated under `count > 1` the
 * later `nitems > 0` test that frees it agrees: no leak.
 */
#include <stdlib.h>

int read_count(int fd);
int read_items(int fd, char *buf, int n);

int read_reply(int fd) {
  int count = read_count(fd);
  char *buf = NULL;
  if (count > 1) {
    buf = malloc(64);
    if (buf == NULL) return -1;
  }
  int nitems = count - 1;
  int rc = 0;
  if (nitems > 0) {
    rc = read_items(fd, buf, nitems);
    free(buf);
  }
  return rc;
}
