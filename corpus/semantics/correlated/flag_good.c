/*
 * A backup tool optionally tees its archive to a second file. The second
 * descriptor is opened only when `tee_path` is set, and closed under the
 * same test, which has not changed in between. On the path where it was not
 * opened the close is skipped, and vice versa: no leak on any feasible path.
 */
#include <fcntl.h>
#include <unistd.h>

int archive_copy(int in, int out, const char *tee_path) {
  int tee = -1;
  if (tee_path) {
    tee = open(tee_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (tee < 0) return -1;
  }

  char buf[16384];
  ssize_t n;
  int rc = 0;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write(out, buf, (size_t)n) != n) rc = -1;
    if (tee_path && write(tee, buf, (size_t)n) != n) rc = -1;
    if (rc) break;
  }
  if (tee_path) close(tee);
  return rc;
}
