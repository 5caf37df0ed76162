/*
 * The relay pair again: when the second thread cannot be created, the first
 * is told to stop (by shutting down its socket) and joined before returning.
 * Every created thread is joined on every path.
 */
#include <pthread.h>
#include <sys/socket.h>

struct relay {
  int from, to;
};

void *relay_run(void *arg);

int proxy_pair(int client, int upstream) {
  struct relay up = {client, upstream}, down = {upstream, client};
  pthread_t t_up, t_down;

  if (pthread_create(&t_up, NULL, relay_run, &up) != 0) return -1;
  if (pthread_create(&t_down, NULL, relay_run, &down) != 0) {
    shutdown(client, SHUT_RDWR);
    pthread_join(t_up, NULL);
    return -1;
  }

  pthread_join(t_up, NULL);
  pthread_join(t_down, NULL);
  return 0;
}
