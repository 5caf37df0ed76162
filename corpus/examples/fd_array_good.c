/*
 * An array of resources filled in a loop and released in a loop over the
 * count it was filled with: every slot starts at -1, open() fills
 * fds[0..n), and both the failure path and the normal end close every
 * slot that holds a descriptor. Releasing fds[i] with i unknown forgets the
 * array's descriptors, so neither loop is reported (issue 16, item 4).
 */
#include <fcntl.h>
#include <unistd.h>

int checksum_files(const char *const *paths, int n) {
  int fds[16];
  int sum = -1;
  if (n <= 0 || n > 16) return -1;
  for (int i = 0; i < n; i++)
    fds[i] = -1;
  for (int i = 0; i < n; i++) {
    fds[i] = open(paths[i], O_RDONLY);
    if (fds[i] < 0) goto out;
  }
  sum = 0;
  for (int i = 0; i < n; i++) {
    char c;
    if (read(fds[i], &c, 1) == 1) sum += c;
  }
out:
  for (int i = 0; i < n; i++)
    if (fds[i] >= 0) close(fds[i]);
  return sum;
}
