/*
 * The same reply reader testing the wrong bound: with count == 2 the buffer
 * is allocated (count > 1) but `nitems > 1` is false, and it leaks.
 */
#include <stdlib.h>

int read_count(int fd);
int read_items(int fd, char *buf, int n);

int read_reply(int fd) {
  int count = read_count(fd);
  char *buf = NULL;
  if (count > 1) {
    buf = malloc(64); // expect: connlint-memory-leak
    if (buf == NULL) return -1;
  }
  int nitems = count - 1;
  int rc = 0;
  if (nitems > 1) {
    rc = read_items(fd, buf, nitems);
    free(buf);
  }
  return rc;
}
