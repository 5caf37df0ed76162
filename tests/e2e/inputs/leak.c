#include <fcntl.h>
#include <unistd.h>

int read_first_byte(const char *path, char *out) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  if (read(fd, out, 1) != 1)
    return -1;
  close(fd);
  return 0;
}
