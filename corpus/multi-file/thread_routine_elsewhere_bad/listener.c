/*
 * The listener starts one worker per connection and forgets the thread:
 * the start routine in worker.c neither detaches itself nor loops forever,
 * so every finished worker stays unjoined. One finding at pthread_create().
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
  if (pthread_create(&tid, NULL, worker_main, arg) != 0) { // expect: connlint-thread-leak
    free(arg);
    return -1;
  }
  return 0;
}
