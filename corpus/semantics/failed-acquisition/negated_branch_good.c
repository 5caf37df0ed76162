/*
 * Writes a pid file. The success test is positive (`fd >= 0`) with the work
 * inside the branch and the failure handled in the else branch, where there
 * is nothing to close.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int pidfile_write(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    ssize_t w = write(fd, buf, (size_t)n);
    close(fd);
    return w == n ? 0 : -1;
  } else {
    perror(path);
    return -1;
  }
}
