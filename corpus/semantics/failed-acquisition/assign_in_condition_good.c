/*
 * Opens a device node with the assignment inside the condition, the common
 * `if ((fd = open(...)) < 0)` form, and tests a stream the same way with
 * `== NULL`. Both failure branches own nothing; the descriptor moves into
 * the stream through fdopen() (closed there if fdopen() fails).
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int dev_dump(const char *dev, FILE *out) {
  int fd;
  FILE *fp;
  if ((fd = open(dev, O_RDONLY | O_NOCTTY)) < 0) return -1;
  if ((fp = fdopen(fd, "r")) == NULL) {
    close(fd);
    return -1;
  }

  int c;
  while ((c = fgetc(fp)) != EOF)
    fputc(c, out);
  fclose(fp);
  return 0;
}
