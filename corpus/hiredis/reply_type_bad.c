/* Exercises: a reply leaked on the branch taken when it is not a string
   (nil or error): only the string path frees it. */
#include <hiredis/hiredis.h>
#include <string.h>

int cache_get(redisContext *c, const char *key, char *out, size_t outsz) {
  redisReply *reply = redisCommand(c, "GET %s", key); // expect: connlint-redis-leak
  if (!reply) return -1;
  if (reply->type != REDIS_REPLY_STRING) return 0;
  size_t n = reply->len < outsz - 1 ? reply->len : outsz - 1;
  memcpy(out, reply->str, n);
  out[n] = '\0';
  freeReplyObject(reply);
  return 1;
}
