/* Exercises: sqlite3_open_v2 read-only with a goto ladder; the handle is
   closed on the path where opening failed as well. */
#include <sqlite3.h>
#include <stdio.h>

long long max_id(const char *path) {
  long long id = -1;
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) goto out_db;
  if (sqlite3_prepare_v2(db, "SELECT max(id) FROM events", -1, &st, NULL) != SQLITE_OK) goto out_db;
  if (sqlite3_step(st) == SQLITE_ROW) id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
out_db:
  sqlite3_close(db);
  return id;
}
