/* Exercises: freeReplyObject on the error branch and again after it: a
   double release. */
#include <hiredis/hiredis.h>
#include <stdio.h>

int incr_counter(redisContext *c, const char *key, long long *out) {
  int ret = 0;
  redisReply *r = redisCommand(c, "INCR %s", key);
  if (!r) return -1;
  if (r->type != REDIS_REPLY_INTEGER) {
    fprintf(stderr, "INCR %s: unexpected reply %d\n", key, r->type);
    freeReplyObject(r);
    ret = -1;
  } else {
    *out = r->integer;
  }
  freeReplyObject(r); // expect: connlint-double-release
  return ret;
}
