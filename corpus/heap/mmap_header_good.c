/*
 * The header check unmapping on the bad-magic path as well. Reading through
 * a const alias of the mapping does not change ownership.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int db_check_header(const char *path, unsigned *version) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < 16) {
    close(fd);
    return -1;
  }
  size_t len = (size_t)st.st_size;
  void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) return -1;

  const unsigned char *p = map;
  int rc = -1;
  if (memcmp(p, "TINYDB\0\1", 8) == 0) {
    *version = (unsigned)p[8] | (unsigned)p[9] << 8;
    rc = 0;
  }
  munmap(map, len);
  return rc;
}
