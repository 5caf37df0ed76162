/*
 * The upload with the early close followed by `fd = -1`, and the exit label
 * closing only `fd >= 0`. After the early close the variable no longer
 * holds a descriptor, so the guarded close at the label is skipped on that
 * path: no double release, and every path releases once.
 */
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

int upload(int sock, const char *path) {
  int rc = -1;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  struct stat st;
  if (fstat(fd, &st) != 0) goto out;
  if (sendfile(sock, fd, NULL, (size_t)st.st_size) != st.st_size) {
    close(fd);
    fd = -1;
    goto out;
  }
  rc = 0;
out:
  if (fd >= 0) close(fd);
  return rc;
}
