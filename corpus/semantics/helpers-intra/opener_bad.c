/*
 * `open_data()` builds a path and returns open()'s result: its summary says
 * it acquires a descriptor in its return value (>= 0 on success). The caller
 * checks the result correctly but returns from the fstat() failure path
 * without closing: a leak at the `open_data()` call in the caller, not at
 * the open() inside the helper, which hands its descriptor on. (Needs
 * function summaries.)
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
  int fd = open_data(dir, name); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  close(fd);
  return (long)st.st_size;
}
