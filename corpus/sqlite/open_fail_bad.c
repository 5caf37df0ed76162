/* Exercises: sqlite3_open allocates a handle even when it fails; the error
   branch reads the message and returns without sqlite3_close. The leak is
   an out-parameter acquisition, reported on the call's line. */
#include <sqlite3.h>
#include <stdio.h>

sqlite3 *open_db(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK) { // expect: connlint-sqlite-leak
    fprintf(stderr, "cannot open %s: %s\n", path, sqlite3_errmsg(db));
    return NULL;
  }
  sqlite3_busy_timeout(db, 2000);
  return db;
}
