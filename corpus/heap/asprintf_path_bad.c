/*
 * Builds the path of a per-user cache file with asprintf() and opens it. On
 * asprintf() failure nothing was allocated (the test `< 0` is the failed
 * acquisition). When open() fails, the path string is not freed: a leak at
 * the asprintf() call, whose out-parameter holds the allocation.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int cache_open(const char *dir, const char *user) {
  char *path;
  if (asprintf(&path, "%s/%s.cache", dir, user) < 0) // expect: connlint-memory-leak
    return -1;

  int fd = open(path, O_RDWR | O_CREAT, 0600);
  if (fd < 0) {
    perror("open");
    return -1;
  }
  free(path);
  return fd;
}
