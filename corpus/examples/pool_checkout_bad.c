/*
 * The worked example of rules/README.md: when pool_query() fails, the
 * connection checked out at the top is never checked back in.
 * connlint-rules: ../../rules/examples/pool.rules
 */
#include "pool.h"

long count_users(struct pool *p) {
  struct pool_conn *c;
  if (pool_checkout(p, &c) != 0) // expect: connlint-pool-leak
    return -1;
  struct pool_result *r;
  if (pool_query(c, "select count(*) from users", &r) != 0) return -1; /* c is never checked in */
  long n = pool_result_long(r, 0, 0);
  pool_result_free(r);
  pool_checkin(p, c);
  return n;
}
