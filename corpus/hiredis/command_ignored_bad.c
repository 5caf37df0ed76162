/* Exercises: replies of fire-and-forget commands dropped: redisCommand
   allocates a reply that must be freed even when nobody reads it. */
#include <hiredis/hiredis.h>

void cache_put(redisContext *c, const char *key, const char *val, int ttl) {
  redisCommand(c, "SET %s %s EX %d", key, val, ttl); // expect: connlint-ignored-result
}
