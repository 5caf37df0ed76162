/*
 * Starts a background flusher thread for a log buffer and forgets the
 * handle: it is neither joined nor detached, and the pthread_t is a local
 * that dies at return. A joinable thread nobody joins keeps its stack and
 * descriptor until process exit: a thread leak at pthread_create().
 */
#include <pthread.h>
#include <stdio.h>

struct log_buf;
void *log_flusher(void *arg);

int log_start_flusher(struct log_buf *lb) {
  pthread_t tid;
  int err = pthread_create(&tid, NULL, log_flusher, lb); // expect: connlint-thread-leak
  if (err != 0) {
    fprintf(stderr, "flusher: error %d\n", err);
    return -1;
  }
  return 0;
}
