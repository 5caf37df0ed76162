/* Exercises: the handle is closed on the failure branch too, and returned
   to the caller on success. */
#include <sqlite3.h>
#include <stdio.h>

sqlite3 *open_db(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK) {
    fprintf(stderr, "cannot open %s: %s\n", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_busy_timeout(db, 2000);
  return db;
}
