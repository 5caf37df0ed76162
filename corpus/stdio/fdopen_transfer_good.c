/*
 * The log opener done right: close the descriptor if fdopen() fails; once
 * fdopen() succeeds the descriptor belongs to the stream, and fclose()
 * closes both. Here the stream is used and closed, so nothing leaks and the
 * descriptor is not released twice.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int log_line(const char *path, const char *msg) {
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) return -1;

  FILE *fp = fdopen(fd, "a");
  if (!fp) {
    close(fd);
    return -1;
  }
  int rc = fprintf(fp, "%s\n", msg) < 0 ? -1 : 0;
  if (fclose(fp) != 0) rc = -1;
  return rc;
}
