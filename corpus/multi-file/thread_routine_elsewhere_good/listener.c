/*
 * The listener starts one worker per connection. The start routine,
 * defined in worker.c, detaches itself: in a whole-program run its summary
 * says so, and the thread created here needs no join. No finding.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "worker.h"

int spawn_worker(int fd) {
  int *arg = malloc(sizeof *arg);
  if (!arg) return -1;
  *arg = fd;
  pthread_t tid;
  if (pthread_create(&tid, NULL, worker_main, arg) != 0) {
    free(arg);
    return -1;
  }
  return 0;
}
