/*
 * A read-mostly routing table guarded by a rwlock. The lookup takes the read
 * lock and returns the match from inside the loop without unlocking; only
 * the not-found path unlocks. One finding at the pthread_rwlock_rdlock()
 * call. The table is global.
 */
#include <pthread.h>
#include <string.h>

struct route {
  char prefix[64];
  int backend;
};

static pthread_rwlock_t routes_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct route routes[128];
static int nroutes;

int route_add(const char *prefix, int backend) {
  pthread_rwlock_wrlock(&routes_lock);
  if (nroutes == 128) {
    pthread_rwlock_unlock(&routes_lock);
    return -1;
  }
  strncpy(routes[nroutes].prefix, prefix, sizeof routes[nroutes].prefix - 1);
  routes[nroutes].backend = backend;
  nroutes++;
  pthread_rwlock_unlock(&routes_lock);
  return 0;
}

int route_lookup(const char *path) {
  pthread_rwlock_rdlock(&routes_lock); // expect: connlint-lock-not-released
  for (int i = 0; i < nroutes; i++) {
    if (strncmp(path, routes[i].prefix, strlen(routes[i].prefix)) == 0) return routes[i].backend;
  }
  pthread_rwlock_unlock(&routes_lock);
  return -1;
}
