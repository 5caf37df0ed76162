/* Exercises: a query built with sqlite3_mprintf and leaked when
   sqlite3_exec fails; the error message is freed correctly. */
#include <sqlite3.h>
#include <stdio.h>

int delete_user(sqlite3 *db, const char *name) {
  char *sql;
  sql = sqlite3_mprintf("DELETE FROM users WHERE name = %Q", name); // expect: connlint-sqlite-leak
  if (!sql) return -1;
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "delete %s: %s\n", name, err);
    sqlite3_free(err);
    return -1;
  }
  sqlite3_free(sql);
  return sqlite3_changes(db);
}
