/* Exercises: the same loop with the reply freed before `continue`, and the
   cursor-driven SCAN loop freeing each batch. */
#include <hiredis/hiredis.h>
#include <stdio.h>
#include <stdlib.h>

int print_string_keys(redisContext *c, const char *const *keys, int n) {
  int printed = 0;
  for (int i = 0; i < n; i++) {
    redisReply *r = redisCommand(c, "GET %s", keys[i]);
    if (r == NULL) return -1;
    if (r->type == REDIS_REPLY_NIL) {
      freeReplyObject(r);
      continue;
    }
    printf("%s = %s\n", keys[i], r->type == REDIS_REPLY_STRING ? r->str : "?");
    freeReplyObject(r);
    printed++;
  }
  return printed;
}

long count_keys(redisContext *c, const char *pattern) {
  long total = 0;
  char cursor[32] = "0";
  do {
    redisReply *r = redisCommand(c, "SCAN %s MATCH %s COUNT 100", cursor, pattern);
    if (!r) return -1;
    if (r->type != REDIS_REPLY_ARRAY || r->elements != 2) {
      freeReplyObject(r);
      return -1;
    }
    snprintf(cursor, sizeof cursor, "%s", r->element[0]->str);
    total += (long)r->element[1]->elements;
    freeReplyObject(r);
  } while (cursor[0] != '0' || cursor[1] != '\0');
  return total;
}
