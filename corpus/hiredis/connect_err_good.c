/* Exercises: the context is freed on the c->err branch; NULL means
   nothing was allocated. */
#include <hiredis/hiredis.h>
#include <stdio.h>

redisContext *cache_connect(const char *host, int port) {
  redisContext *c = redisConnect(host, port);
  if (c == NULL) {
    fprintf(stderr, "redis: cannot allocate context\n");
    return NULL;
  }
  if (c->err) {
    fprintf(stderr, "redis: %s\n", c->errstr);
    redisFree(c);
    return NULL;
  }
  return c;
}
