/*
 * The connection worker detaches itself as its first act, so whoever
 * created it never has to join it. Its body lives in this unit; the
 * listener creating it is in listener.c.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "worker.h"

int serve_client(int fd);

void *worker_main(void *arg) {
  pthread_detach(pthread_self());
  int fd = *(int *)arg;
  free(arg);
  serve_client(fd);
  close(fd);
  return NULL;
}
