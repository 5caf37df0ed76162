/*
 * The routing table lookup breaking out of the loop and unlocking once, and
 * the writer side taking the write lock and releasing it on the full-table
 * path too.
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

int route_lookup(const char *path) {
  int backend = -1;
  pthread_rwlock_rdlock(&routes_lock);
  for (int i = 0; i < nroutes; i++) {
    if (strncmp(path, routes[i].prefix, strlen(routes[i].prefix)) == 0) {
      backend = routes[i].backend;
      break;
    }
  }
  pthread_rwlock_unlock(&routes_lock);
  return backend;
}

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
