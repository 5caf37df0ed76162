/* Exercises: the same statement variable passed to a second prepare while
   the first statement is still live: the out-parameter write loses the
   only reference to it. */
#include <sqlite3.h>
#include <stddef.h>

static const char CREATE_TABLE[] = "CREATE TABLE IF NOT EXISTS kv(k TEXT PRIMARY KEY, v TEXT)";
static const char CREATE_INDEX[] = "CREATE INDEX IF NOT EXISTS kv_v ON kv(v)";

int create_schema(sqlite3 *db) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, CREATE_TABLE, -1, &st, NULL) != SQLITE_OK) return -1;
  if (sqlite3_step(st) != SQLITE_DONE) {
    sqlite3_finalize(st);
    return -1;
  }
  int rc = sqlite3_prepare_v2(db, CREATE_INDEX, -1, &st, NULL); // expect: connlint-lost-reference
  if (rc != SQLITE_OK) return -1;
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : -1;
}
