/* Exercises: sqlite3_finalize on the bind-error branch and again at the end
   of the function: a double release. */
#include <sqlite3.h>
#include <stddef.h>

int insert_tag(sqlite3 *db, long long item, const char *tag) {
  int ret = 0;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "INSERT INTO tags(item, tag) VALUES(?, ?)", -1, &st, NULL) !=
      SQLITE_OK)
    return -1;
  if (sqlite3_bind_int64(st, 1, item) != SQLITE_OK ||
      sqlite3_bind_text(st, 2, tag, -1, SQLITE_TRANSIENT) != SQLITE_OK) {
    sqlite3_finalize(st);
    ret = -1;
  } else if (sqlite3_step(st) != SQLITE_DONE) {
    ret = -1;
  }
  sqlite3_finalize(st); // expect: connlint-double-release
  return ret;
}
