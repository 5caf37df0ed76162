/*
 * The cache probe freeing its key on the miss as well; the printf-style
 * logger only reads it. A logger without the format attribute that takes
 * `char *` (it may keep the message) is left alone: the message escapes.
 */
#include <stdlib.h>
#include <string.h>

void srv_logf(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void srv_log_keep(int level, char *msg);
#define LOG_DEBUG 3
#define log_debug(...) srv_logf(LOG_DEBUG, __VA_ARGS__)

struct cache;
const char *cache_get(struct cache *c, const char *key);

int cache_probe(struct cache *c, const char *raw) {
  char *key = strdup(raw);
  if (!key) return -1;
  for (char *p = key; *p; p++)
    if (*p == ' ') *p = '_';
  log_debug("probing %s", key);
  int hit = cache_get(c, key) != NULL;
  free(key);
  return hit;
}

int cache_note(const char *raw) {
  char *msg = strdup(raw);
  if (!msg) return -1;
  srv_log_keep(LOG_DEBUG, msg);
  return 0;
}
