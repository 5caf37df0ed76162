/* Exercises: a sqlite3_mprintf string released with free(): memory from
   SQLite's allocator must go back through sqlite3_free. */
#include <sqlite3.h>
#include <stdlib.h>

int drop_table(sqlite3 *db, const char *table) {
  char *sql = sqlite3_mprintf("DROP TABLE IF EXISTS \"%w\"", table);
  if (!sql) return -1;
  int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  free(sql); // expect: connlint-mismatched-release
  return rc == SQLITE_OK ? 0 : -1;
}
