/* Exercises: statements prepared once and kept in a caller-owned cache
   (escape through a parameter), finalized by the close function; partial
   preparation is unwound. */
#include <sqlite3.h>
#include <stddef.h>

struct stmt_cache {
  sqlite3_stmt *get;
  sqlite3_stmt *put;
};

int stmt_cache_open(struct stmt_cache *c, sqlite3 *db) {
  if (sqlite3_prepare_v2(db, "SELECT v FROM kv WHERE k = ?", -1, &c->get, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_prepare_v2(db, "REPLACE INTO kv(k, v) VALUES(?, ?)", -1, &c->put, NULL) !=
      SQLITE_OK) {
    sqlite3_finalize(c->get);
    c->get = NULL;
    return -1;
  }
  return 0;
}

void stmt_cache_close(struct stmt_cache *c) {
  sqlite3_finalize(c->put);
  sqlite3_finalize(c->get);
  c->put = c->get = NULL;
}
