/*
 * Starts a fire-and-forget worker per accepted connection and detaches it,
 * so the thread cleans up after itself. The heap argument is handed to the
 * thread: pthread_create() passes it to a start routine this file cannot
 * see, so it escapes on success; on failure it is freed here.
 */
#include <pthread.h>
#include <stdlib.h>

struct job {
  int client;
};

void *handle_client(void *arg);

int spawn_handler(int client) {
  struct job *j = malloc(sizeof *j);
  if (!j) return -1;
  j->client = client;

  pthread_t tid;
  if (pthread_create(&tid, NULL, handle_client, j) != 0) {
    free(j);
    return -1;
  }
  pthread_detach(tid);
  return 0;
}
