/* Exercises: a `continue` that skips PQclear for results without rows in
   a PQgetResult loop. */
#include <libpq-fe.h>
#include <stdio.h>

int print_all(PGconn *conn, const char *script) {
  if (!PQsendQuery(conn, script))
    return -1;
  PGresult *res;
  while ((res = PQgetResult(conn)) != NULL) { // expect: connlint-pq-leak
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
      continue;
    for (int r = 0; r < PQntuples(res); r++)
      printf("%s\n", PQgetvalue(res, r, 0));
    PQclear(res);
  }
  return 0;
}
