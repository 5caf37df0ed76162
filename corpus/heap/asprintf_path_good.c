/*
 * The cache opener freeing the path on both paths after asprintf()
 * succeeded. The descriptor is returned, so it is the caller's.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int cache_open(const char *dir, const char *user) {
  char *path;
  if (asprintf(&path, "%s/%s.cache", dir, user) < 0) return -1;

  int fd = open(path, O_RDWR | O_CREAT, 0600);
  free(path);
  if (fd < 0) {
    perror("open");
    return -1;
  }
  return fd;
}
