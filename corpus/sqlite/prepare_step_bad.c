/* Exercises: sqlite3_finalize skipped on the early return taken when a
   step fails; the prepare failure itself owns nothing. */
#include <sqlite3.h>
#include <stdio.h>

static const char USERS_SQL[] = "SELECT id, name FROM users ORDER BY id";

int print_users(sqlite3 *db) {
  sqlite3_stmt *stmt;
  int rc = sqlite3_prepare_v2(db, USERS_SQL, -1, &stmt, NULL); // expect: connlint-sqlite-leak
  if (rc != SQLITE_OK) return -1;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
    printf("%d %s\n", sqlite3_column_int(stmt, 0), (const char *)sqlite3_column_text(stmt, 1));
  if (rc != SQLITE_DONE) {
    fprintf(stderr, "step: %s\n", sqlite3_errmsg(db));
    return -1;
  }
  sqlite3_finalize(stmt);
  return 0;
}
