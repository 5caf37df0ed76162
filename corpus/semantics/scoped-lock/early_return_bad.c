/*
 * A session cache guarded by a global mutex. When the key is too long the
 * insert bails out with the mutex held, and every later caller deadlocks.
 * The lock was taken at pthread_mutex_lock(): one finding there. The other
 * paths unlock.
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

int sess_put(const char *key, int uid) {
  unsigned h = 5381;
  for (const char *p = key; *p; p++)
    h = h * 33 + (unsigned char)*p;

  pthread_mutex_lock(&cache_mu); // expect: connlint-lock-not-released
  if (strlen(key) >= sizeof cache[0].key) return -1;
  struct sess_entry *e = &cache[h % NSESS];
  strcpy(e->key, key);
  e->uid = uid;
  pthread_mutex_unlock(&cache_mu);
  return 0;
}
