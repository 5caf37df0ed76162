/* Exercises: the same lookup with a single exit that frees the reply. */
#include <hiredis/hiredis.h>
#include <string.h>

int cache_get(redisContext *c, const char *key, char *out, size_t outsz) {
  int found = 0;
  redisReply *reply = redisCommand(c, "GET %s", key);
  if (!reply) return -1;
  if (reply->type == REDIS_REPLY_STRING) {
    size_t n = reply->len < outsz - 1 ? reply->len : outsz - 1;
    memcpy(out, reply->str, n);
    out[n] = '\0';
    found = 1;
  }
  freeReplyObject(reply);
  return found;
}
