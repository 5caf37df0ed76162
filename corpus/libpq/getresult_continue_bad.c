/* Exercises: a `continue` that skips PQclear; the result variable is local
   to the loop body, so the result leaks at the end of its scope. */
#include <libpq-fe.h>
#include <stdio.h>

int print_all(PGconn *conn, const char *script) {
  if (!PQsendQuery(conn, script)) return -1;
  for (;;) {
    PGresult *res = PQgetResult(conn); // expect: connlint-pq-leak
    if (!res) break;
    if (PQresultStatus(res) != PGRES_TUPLES_OK) continue;
    for (int r = 0; r < PQntuples(res); r++)
      printf("%s\n", PQgetvalue(res, r, 0));
    PQclear(res);
  }
  return 0;
}
