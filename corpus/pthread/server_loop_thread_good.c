/*
 * A daemon starts its housekeeping thread once: the start routine is an
 * endless loop that expires cache entries every second and never returns,
 * so there is no end of the thread to join. No finding.
 */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

struct cache;
void cache_expire(struct cache *c, time_t now);

static void *housekeeper(void *arg) {
  struct cache *c = arg;
  for (;;) {
    cache_expire(c, time(NULL));
    sleep(1);
  }
}

int start_housekeeper(struct cache *c) {
  pthread_t tid;
  if (pthread_create(&tid, NULL, housekeeper, c) != 0) return -1;
  return 0;
}
