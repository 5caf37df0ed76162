#include "does/not/exist.h"
#include <fcntl.h>
#include <unistd.h>

int leak_after_missing_header(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  if (lseek(fd, 0, SEEK_END) < 0)
    return -1;
  close(fd);
  return 0;
}
