/* Exercises: a reply released with free() instead of freeReplyObject (which
   also frees the string and nested elements): wrong release family. */
#include <hiredis/hiredis.h>
#include <stdlib.h>

long long list_length(redisContext *c, const char *key) {
  redisReply *r = redisCommand(c, "LLEN %s", key);
  if (!r) return -1;
  long long n = r->type == REDIS_REPLY_INTEGER ? r->integer : -1;
  free(r); // expect: connlint-mismatched-release
  return n;
}
