/* Exercises: the same query with the result cleared on both branches, and
   a PQntuples check in between. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

long count_users(PGconn *conn) {
  long n = -1;
  PGresult *res = PQexec(conn, "SELECT count(*) FROM users");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    fprintf(stderr, "count failed: %s", PQresultErrorMessage(res));
  else if (PQntuples(res) == 1)
    n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
  PQclear(res);
  return n;
}
