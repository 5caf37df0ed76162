/* pool.h - the connection pool of rules/README.md's worked example, used by
   the pool_* cases; rules/examples/pool.rules describes it. */
#ifndef CORPUS_POOL_H
#define CORPUS_POOL_H
struct pool;
struct pool_conn;
struct pool_result;

struct pool *pool_open(const char *dsn);
void pool_close(struct pool *p);
int pool_checkout(struct pool *p, struct pool_conn **out);
void pool_checkin(struct pool *p, struct pool_conn *c);
void pool_discard(struct pool *p, struct pool_conn *c);
int pool_query(struct pool_conn *c, const char *sql, struct pool_result **res);
long pool_result_long(const struct pool_result *r, int row, int col);
void pool_result_free(struct pool_result *r);
#endif
