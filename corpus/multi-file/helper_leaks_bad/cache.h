/* cache.h - a small key=value cache loaded from a file. */
#ifndef CACHE_H
#define CACHE_H

#define CACHE_MAX 64

struct cache {
  int n;
  char key[CACHE_MAX][32];
  char val[CACHE_MAX][96];
};

int cache_load(struct cache *c, const char *path);
const char *cache_get(const struct cache *c, const char *key);

#endif
