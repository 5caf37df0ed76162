/* Exercises: a unix-socket context with four error returns; only the third
   (a failed AUTH) forgets redisFree. Replies are freed everywhere. */
#include <hiredis/hiredis.h>
#include <stdio.h>
#include <string.h>

int ping_local(const char *path, const char *password) {
  redisContext *c = redisConnectUnix(path); // expect: connlint-redis-leak
  if (c == NULL) return -1;
  if (c->err) {
    fprintf(stderr, "%s: %s\n", path, c->errstr);
    redisFree(c);
    return -1;
  }
  redisReply *r = redisCommand(c, "AUTH %s", password);
  if (r == NULL || r->type == REDIS_REPLY_ERROR) {
    if (r) freeReplyObject(r);
    return -1;
  }
  freeReplyObject(r);
  r = redisCommand(c, "PING");
  int ok = r && r->type == REDIS_REPLY_STATUS && strcmp(r->str, "PONG") == 0;
  if (r) freeReplyObject(r);
  if (!ok) {
    redisFree(c);
    return -1;
  }
  redisFree(c);
  return 0;
}
