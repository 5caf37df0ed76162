/*
 * workload.c - the run-time overhead benchmark of connlint cc builds: many
 * acquisitions and releases at sites that carry findings (so they are
 * instrumented), in a tight loop. Usage: workload N FILE.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_one(const char *path) {
  char buf[64];
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  if (read(fd, buf, sizeof buf) < 0) return -1;
  close(fd);
  return 0;
}

static int heap_one(size_t n) {
  char *p = malloc(n);
  if (p == NULL) return -1;
  memset(p, 1, n);
  if (p[n - 1] != 1) return -1;
  free(p);
  return 0;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  const char *path = argc > 2 ? argv[2] : "/etc/hostname";
  long bad = 0;
  for (long i = 0; i < n; i++) {
    bad += read_one(path) != 0;
    bad += heap_one(64 + (size_t)(i % 512)) != 0;
  }
  printf("%ld iterations, %ld failures\n", n, bad);
  return bad != 0;
}
