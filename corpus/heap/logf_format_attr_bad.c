/*
 * A daemon's own printf-style logger, declared with the format attribute
 * and called through a macro, as servers do. Printing cannot take
 * ownership of the key it prints, so the strdup()'d key is still the
 * caller's and leaks when the lookup misses.
 */
#include <stdlib.h>
#include <string.h>

void srv_logf(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define LOG_DEBUG 3
#define log_debug(...) srv_logf(LOG_DEBUG, __VA_ARGS__)

struct cache;
const char *cache_get(struct cache *c, const char *key);

int cache_probe(struct cache *c, const char *raw) {
  char *key = strdup(raw); // expect: connlint-memory-leak
  if (!key) return -1;
  for (char *p = key; *p; p++)
    if (*p == ' ') *p = '_';
  log_debug("probing %s", key);
  if (!cache_get(c, key)) return 0;
  free(key);
  return 1;
}
