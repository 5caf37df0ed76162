/* Exercises: PQclear on the error branch followed by the common PQclear:
   the result is released twice. */
#include <libpq-fe.h>
#include <stdio.h>

int vacuum_table(PGconn *conn) {
  int ret = 0;
  PGresult *res = PQexec(conn, "VACUUM ANALYZE events");
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    fprintf(stderr, "vacuum: %s", PQresultErrorMessage(res));
    PQclear(res);
    ret = -1;
  }
  PQclear(res); // expect: connlint-double-release
  return ret;
}
