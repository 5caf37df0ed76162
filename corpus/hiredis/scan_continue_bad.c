/* Exercises: a `continue` that skips freeReplyObject in a loop over keys. */
#include <hiredis/hiredis.h>
#include <stdio.h>

int print_string_keys(redisContext *c, const char *const *keys, int n) {
  int printed = 0;
  for (int i = 0; i < n; i++) {
    redisReply *r = redisCommand(c, "GET %s", keys[i]); // expect: connlint-redis-leak
    if (r == NULL) return -1;
    if (r->type == REDIS_REPLY_NIL) continue;
    printf("%s = %s\n", keys[i], r->type == REDIS_REPLY_STRING ? r->str : "?");
    freeReplyObject(r);
    printed++;
  }
  return printed;
}
