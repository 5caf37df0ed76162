/*
 * The counter closing the descriptor when fdopendir() fails. After a
 * successful fdopendir() the descriptor belongs to the DIR, and closedir()
 * releases it; calling close(fd) as well would be a double release.
 */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

long count_regular(int basefd, const char *sub) {
  int fd = openat(basefd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -1;
  DIR *d = fdopendir(fd);
  if (!d) {
    close(fd);
    return -1;
  }

  long n = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL)
    if (de->d_type == DT_REG) n++;
  closedir(d);
  return n;
}
