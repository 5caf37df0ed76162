/* Exercises: four error returns after a persistent prepare; only the third
   (a failed bind of the second parameter) leaks the statement. */
#include <sqlite3.h>
#include <stddef.h>

static const char UPSERT_SQL[] = "INSERT INTO settings(k, v) VALUES(?1, ?2) "
                                 "ON CONFLICT(k) DO UPDATE SET v = ?2";

int upsert_setting(sqlite3 *db, const char *key, const char *value) {
  sqlite3_stmt *st = NULL;
  unsigned flags = SQLITE_PREPARE_PERSISTENT;
  int rc;
  rc = sqlite3_prepare_v3(db, UPSERT_SQL, -1, flags, &st, NULL); // expect: connlint-sqlite-leak
  if (rc != SQLITE_OK) return -1;
  if (sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK) goto fail;
  if (sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC) != SQLITE_OK) return -1;
  if (sqlite3_step(st) != SQLITE_DONE) goto fail;
  sqlite3_finalize(st);
  return 0;
fail:
  sqlite3_finalize(st);
  return -1;
}
