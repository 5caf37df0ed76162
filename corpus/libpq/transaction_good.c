/* Exercises: a transaction helper; each statement's result is cleared
   before the variable is reused, including the ROLLBACK on error. */
#include <libpq-fe.h>
#include <stdio.h>

static int run(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  if (!ok) fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(res));
  PQclear(res);
  return ok ? 0 : -1;
}

int bump_version(PGconn *conn) {
  if (run(conn, "BEGIN") < 0) return -1;
  PGresult *res = PQexec(conn, "UPDATE meta SET version = version + 1");
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    PQclear(res);
    res = PQexec(conn, "ROLLBACK");
    PQclear(res);
    return -1;
  }
  PQclear(res);
  return run(conn, "COMMIT");
}
