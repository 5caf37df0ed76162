/*
 * Uploads a file to a socket. When sendfile() fails, the error branch closes
 * the file and then jumps to the common exit, which closes it again. The
 * second close() on that path may close a descriptor another thread just
 * opened: a double release at the close() under the label. On the success
 * path that close() is the only one and is fine.
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
    goto out;
  }
  rc = 0;
out:
  close(fd); // expect: connlint-double-release
  return rc;
}
