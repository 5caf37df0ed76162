/*
 * The fixed worked example: a failed query discards the connection (it may
 * be broken), a successful one checks it back in, and a failed checkout
 * acquired nothing.
 * connlint-rules: ../../rules/examples/pool.rules
 */
#include "pool.h"

long count_users(struct pool *p) {
  struct pool_conn *c;
  if (pool_checkout(p, &c) != 0) return -1;
  struct pool_result *r;
  if (pool_query(c, "select count(*) from users", &r) != 0) {
    pool_discard(p, c);
    return -1;
  }
  long n = pool_result_long(r, 0, 0);
  pool_result_free(r);
  pool_checkin(p, c);
  return n;
}
