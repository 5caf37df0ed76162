/* Exercises: a PGresult leaked on the branch taken when the query does not
   return tuples (PQclear missing on that one error branch). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

long count_users(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM users"); // expect: connlint-pq-leak
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    fprintf(stderr, "count failed: %s", PQerrorMessage(conn));
    return -1;
  }
  long n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
  PQclear(res);
  return n;
}
