/* Exercises: a `continue` that skips sqlite3_finalize when a table is empty,
   in a loop that prepares one statement per table. */
#include <sqlite3.h>
#include <stdio.h>

int report_counts(sqlite3 *db, const char *const *tables, int n) {
  for (int i = 0; i < n; i++) {
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", tables[i]);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) // expect: connlint-sqlite-leak
      continue;
    if (sqlite3_step(st) != SQLITE_ROW) continue;
    printf("%s: %lld\n", tables[i], sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
  }
  return 0;
}
