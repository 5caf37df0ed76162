/*
 * Counts regular files in a directory opened relative to a base directory
 * descriptor. fdopendir() takes over the descriptor only when it succeeds;
 * on failure this code returns without closing the descriptor from
 * openat(). One leak, at openat(). On success closedir() closes both.
 */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

long count_regular(int basefd, const char *sub) {
  int fd = openat(basefd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  DIR *d = fdopendir(fd);
  if (!d) return -1;

  long n = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL)
    if (de->d_type == DT_REG) n++;
  closedir(d);
  return n;
}
