/*
 * Redirects a child's stderr: the original stderr descriptor is duplicated
 * into `saved`, then `fd` is reused for the log file. Overwriting `fd` is
 * harmless when another variable still holds what it held: `prev` keeps
 * the first descriptor, and both are closed. Nothing is lost or leaked.
 */
#include <fcntl.h>
#include <unistd.h>

int with_stderr_to(const char *log_path, int (*body)(void)) {
  int fd = dup(STDERR_FILENO);
  if (fd < 0) return -1;
  int prev = fd;
  fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) {
    close(prev);
    return -1;
  }
  dup2(fd, STDERR_FILENO);
  close(fd);
  int rc = body();
  dup2(prev, STDERR_FILENO);
  close(prev);
  return rc;
}
