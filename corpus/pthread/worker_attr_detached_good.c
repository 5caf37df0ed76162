/*
 * An accept loop hands each client to a thread created from an attribute
 * whose detach state is PTHREAD_CREATE_DETACHED: the system reclaims the
 * thread when it ends, so there is nothing to join. The client descriptor
 * goes to the thread with its argument; on failure it is closed here.
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
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
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
    if (pthread_create(&tid, &attr, client_main, c) != 0) {
      close(fd);
      free(c);
    }
  }
  pthread_attr_destroy(&attr);
  return -1;
}
