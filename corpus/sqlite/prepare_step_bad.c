/* Exercises: sqlite3_finalize skipped on the early return taken when a
   step fails; the prepare failure itself owns nothing. */
#include <sqlite3.h>
#include <stdio.h>

int print_users(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT id, name FROM users ORDER BY id", -1, &stmt, NULL) != SQLITE_OK) // expect: connlint-sqlite-leak
    return -1;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
    printf("%d %s\n", sqlite3_column_int(stmt, 0), (const char *)sqlite3_column_text(stmt, 1));
  if (rc != SQLITE_DONE) {
    fprintf(stderr, "step: %s\n", sqlite3_errmsg(db));
    return -1;
  }
  sqlite3_finalize(stmt);
  return 0;
}
