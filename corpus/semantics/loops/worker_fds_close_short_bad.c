/* Exercises: the same pool, but the closing loop stops one short
   (`i < NWORKERS - 1`), so the last worker's descriptor leaks. */
#include <fcntl.h>
#include <unistd.h>

#define NWORKERS 4

int probe_workers(const char *dev) {
  int fd[NWORKERS];
  for (int i = 0; i < NWORKERS; i++)
    fd[i] = open(dev, O_RDONLY); // expect: connlint-fd-leak
  for (int i = 0; i < NWORKERS - 1; i++)
    if (fd[i] >= 0) close(fd[i]);
  return 0;
}
