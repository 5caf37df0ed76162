/*
 * The same dispatcher, but the start routine does not detach itself and
 * nobody joins the thread: each request leaves a zombie thread behind. One
 * finding at pthread_create().
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct job {
  int fd;
};

int handle_request(int fd);

static void *job_main(void *arg) {
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
  if (pthread_create(&tid, NULL, job_main, j) != 0) { // expect: connlint-thread-leak
    free(j);
    return -1;
  }
  return 0;
}
