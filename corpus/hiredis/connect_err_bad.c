/* Exercises: redisConnect returns a context even when c->err is set; the
   error branch reports it and returns without redisFree. */
#include <hiredis/hiredis.h>
#include <stdio.h>

redisContext *cache_connect(const char *host, int port) {
  redisContext *c = redisConnect(host, port); // expect: connlint-redis-leak
  if (c == NULL || c->err) {
    if (c)
      fprintf(stderr, "redis: %s\n", c->errstr);
    else
      fprintf(stderr, "redis: cannot allocate context\n");
    return NULL;
  }
  return c;
}
