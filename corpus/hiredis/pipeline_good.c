/* Exercises: pipelined commands with redisAppendCommand and redisGetReply;
   each reply read back is freed, the context is freed on every exit. */
#include <hiredis/hiredis.h>
#include <stdio.h>

int bulk_set(const char *host, int port, const char *const *keys, const char *const *vals, int n) {
  redisContext *c = redisConnect(host, port);
  if (c == NULL) return -1;
  if (c->err) goto fail;
  for (int i = 0; i < n; i++)
    if (redisAppendCommand(c, "SET %s %s", keys[i], vals[i]) != REDIS_OK) goto fail;
  for (int i = 0; i < n; i++) {
    redisReply *reply = NULL;
    if (redisGetReply(c, (void **)&reply) != REDIS_OK) goto fail;
    if (reply->type == REDIS_REPLY_ERROR) fprintf(stderr, "SET %s: %s\n", keys[i], reply->str);
    freeReplyObject(reply);
  }
  redisFree(c);
  return 0;
fail:
  fprintf(stderr, "redis: %s\n", c->errstr);
  redisFree(c);
  return -1;
}
