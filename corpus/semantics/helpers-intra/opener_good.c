/*
 * The data-size query closing the descriptor from `open_data()` on both
 * paths. The helper returns its descriptor (an escape from the helper), and
 * the caller releases it. (Needs function summaries to know the call
 * acquires at all; either way nothing may be reported.)
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int open_data(const char *dir, const char *name) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) return -1;
  return open(path, O_RDONLY | O_CLOEXEC);
}

long data_size(const char *dir, const char *name) {
  int fd = open_data(dir, name);
  if (fd < 0) return -1;
  struct stat st;
  int rc = fstat(fd, &st);
  close(fd);
  return rc == 0 ? (long)st.st_size : -1;
}
