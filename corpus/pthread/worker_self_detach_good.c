/*
 * Each connection gets a thread whose start routine detaches itself first
 * (pthread_detach(pthread_self())) and frees its argument when done. The
 * thread that creates it never needs to join: no finding.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct job {
  int fd;
};

int handle_request(int fd);

static void *job_main(void *arg) {
  pthread_detach(pthread_self());
  struct job *j = arg;
  handle_request(j->fd);
  close(j->fd);
  free(j);
  return NULL;
}

int dispatch(int fd) {
  struct job *j = malloc(sizeof *j);
  if (!j) return -1;
  j->fd = fd;
  pthread_t tid;
  if (pthread_create(&tid, NULL, job_main, j) != 0) {
    free(j);
    return -1;
  }
  return 0;
}
