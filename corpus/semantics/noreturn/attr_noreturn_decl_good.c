/*
 * `fatal()` lives in another translation unit; only its declaration with
 * __attribute__((noreturn)) is visible. The attribute on the declaration is
 * enough: calls to it end the path, so the mapping held on those paths is
 * not reported. The normal path unmaps.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

__attribute__((noreturn)) void fatal(const char *what);

unsigned long checksum_file(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) fatal("open");
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size == 0) fatal("fstat");
  size_t len = (size_t)st.st_size;
  unsigned char *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) fatal("mmap");

  unsigned long sum = 0;
  for (size_t i = 0; i < len; i++)
    sum = sum * 31 + p[i];
  if (sum == 0) fatal("empty checksum");
  munmap(p, len);
  return sum;
}
