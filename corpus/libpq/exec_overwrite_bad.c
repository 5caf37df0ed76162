/* Exercises: `res` reused for the next statement while the BEGIN result is
   still held: the overwrite loses the only reference to it. */
#include <libpq-fe.h>
#include <stdio.h>

int bump_version(PGconn *conn) {
  PGresult *res = PQexec(conn, "BEGIN");
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    PQclear(res);
    return -1;
  }
  res = PQexec(conn, "UPDATE meta SET version = version + 1"); // expect: connlint-lost-reference
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    fprintf(stderr, "update: %s", PQresultErrorMessage(res));
    PQclear(res);
    res = PQexec(conn, "ROLLBACK");
    PQclear(res);
    return -1;
  }
  PQclear(res);
  res = PQexec(conn, "COMMIT");
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok ? 0 : -1;
}
