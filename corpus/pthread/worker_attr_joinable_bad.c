/*
 * The accept loop creates each client thread from an attribute it sets to
 * PTHREAD_CREATE_JOINABLE (the default) and never joins nor detaches it:
 * every finished client keeps its stack and thread descriptor. One finding
 * at pthread_create().
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct client {
  int fd;
};

void *client_main(void *arg);

int serve(int lfd) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return -1;
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
  for (;;) {
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0) break;
    struct client *c = malloc(sizeof *c);
    if (!c) {
      close(fd);
      continue;
    }
    c->fd = fd;
    pthread_t tid;
    if (pthread_create(&tid, &attr, client_main, c) != 0) { // expect: connlint-thread-leak
      close(fd);
      free(c);
    }
  }
  pthread_attr_destroy(&attr);
  return -1;
}
