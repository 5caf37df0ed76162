/* Exercises: a helper returning the reply to its caller, freeing it only
   when it is an error reply; the caller frees what it gets. */
#include <hiredis/hiredis.h>
#include <stdio.h>

redisReply *hgetall(redisContext *c, const char *key) {
  redisReply *r = redisCommand(c, "HGETALL %s", key);
  if (r && r->type == REDIS_REPLY_ERROR) {
    fprintf(stderr, "HGETALL %s: %s\n", key, r->str);
    freeReplyObject(r);
    return NULL;
  }
  return r;
}

int dump_hash(redisContext *c, const char *key) {
  redisReply *r = hgetall(c, key);
  if (!r) return -1;
  for (size_t i = 0; i + 1 < r->elements; i += 2)
    printf("%s: %s\n", r->element[i]->str, r->element[i + 1]->str);
  freeReplyObject(r);
  return 0;
}
