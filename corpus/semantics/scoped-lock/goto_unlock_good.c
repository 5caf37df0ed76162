/*
 * The session cache with a single unlock label: every exit after the lock
 * goes through it. The key length is checked before locking.
 */
#include <pthread.h>
#include <string.h>

#define NSESS 256

struct sess_entry {
  char key[64];
  int uid;
};

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct sess_entry cache[NSESS];

int sess_get(const char *key, int *uid) {
  if (strlen(key) >= sizeof cache[0].key) return -1;
  unsigned h = 5381;
  for (const char *p = key; *p; p++)
    h = h * 33 + (unsigned char)*p;

  int rc = -1;
  pthread_mutex_lock(&cache_mu);
  struct sess_entry *e = &cache[h % NSESS];
  if (strcmp(e->key, key) != 0) goto unlock;
  if (e->uid < 0) goto unlock;
  *uid = e->uid;
  rc = 0;
unlock:
  pthread_mutex_unlock(&cache_mu);
  return rc;
}
