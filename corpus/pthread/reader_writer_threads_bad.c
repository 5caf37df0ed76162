/*
 * A proxy relays a connection with two threads, one per direction. If
 * creating the second thread fails, the function returns without joining or
 * detaching the first: its resources are never reclaimed. A thread leak at
 * the first pthread_create() call; the second creation failed, so it owns
 * nothing. On success both are joined.
 */
#include <pthread.h>

struct relay {
  int from, to;
};

void *relay_run(void *arg);

int proxy_pair(int client, int upstream) {
  struct relay up = {client, upstream}, down = {upstream, client};
  pthread_t t_up, t_down;

  if (pthread_create(&t_up, NULL, relay_run, &up) != 0) // expect: connlint-thread-leak
    return -1;
  if (pthread_create(&t_down, NULL, relay_run, &down) != 0) return -1;

  pthread_join(t_up, NULL);
  pthread_join(t_down, NULL);
  return 0;
}
