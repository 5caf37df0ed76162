/*
 * This connection worker serves its client and returns without detaching
 * itself: someone must join it. The listener in listener.c does not.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "worker.h"

int serve_client(int fd);

void *worker_main(void *arg) {
  int fd = *(int *)arg;
  free(arg);
  serve_client(fd);
  close(fd);
  return NULL;
}
