/*
 * The same array of descriptors, but the error path returns without
 * closing the ones already opened: the descriptors opened on earlier turns
 * leak at the open() call.
 */
#include <fcntl.h>
#include <unistd.h>

int checksum_files(const char *const *paths, int n) {
  int fds[16];
  if (n > 16) return -1;
  for (int i = 0; i < n; i++) {
    fds[i] = open(paths[i], O_RDONLY); // expect: connlint-fd-leak
    if (fds[i] < 0) return -1;
  }
  int sum = 0;
  for (int i = 0; i < n; i++) {
    char c;
    if (read(fds[i], &c, 1) == 1) sum += c;
  }
  for (int i = 0; i < n; i++)
    close(fds[i]);
  return sum;
}
