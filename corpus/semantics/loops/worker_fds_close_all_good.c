/* Exercises: a fixed pool of worker descriptors opened in one counted loop
   and closed in another, each close guarded by the failure check; every
   descriptor that was opened is closed. */
#include <fcntl.h>
#include <unistd.h>

#define NWORKERS 4

int probe_workers(const char *dev) {
  int fd[NWORKERS];
  for (int i = 0; i < NWORKERS; i++)
    fd[i] = open(dev, O_RDONLY);
  for (int i = 0; i < NWORKERS; i++)
    if (fd[i] >= 0) close(fd[i]);
  return 0;
}
