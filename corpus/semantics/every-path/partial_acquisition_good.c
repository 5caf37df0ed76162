/*
 * The file copy releasing the source when the destination cannot be
 * created. Each failure branch releases exactly what was acquired before it.
 */
#include <fcntl.h>
#include <unistd.h>

int copy_file(const char *src, const char *dst) {
  int in = open(src, O_RDONLY);
  if (in < 0) return -1;
  int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) {
    close(in);
    return -1;
  }

  char buf[65536];
  ssize_t n;
  int rc = 0;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write(out, buf, (size_t)n) != n) {
      rc = -1;
      break;
    }
  }
  if (n < 0) rc = -1;
  close(out);
  close(in);
  return rc;
}
