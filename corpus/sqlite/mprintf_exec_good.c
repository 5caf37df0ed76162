/* Exercises: the query string freed right after sqlite3_exec, before
   the result is inspected. */
#include <sqlite3.h>
#include <stdio.h>

int delete_user(sqlite3 *db, const char *name) {
  char *sql;
  sql = sqlite3_mprintf("DELETE FROM users WHERE name = %Q", name);
  if (!sql) return -1;
  char *err = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
  sqlite3_free(sql);
  if (rc != SQLITE_OK) {
    fprintf(stderr, "delete %s: %s\n", name, err);
    sqlite3_free(err);
    return -1;
  }
  return sqlite3_changes(db);
}
