/* Exercises: a `continue` that skips PQclear in a PQgetResult loop whose
   variable lives outside the loop: the next iteration's assignment in the
   loop condition overwrites the uncleared result (a lost reference, the
   classic re-acquisition in a loop). */
#include <libpq-fe.h>
#include <stdio.h>

int print_all(PGconn *conn, const char *script) {
  if (!PQsendQuery(conn, script)) return -1;
  PGresult *res;
  while ((res = PQgetResult(conn)) != NULL) { // expect: connlint-lost-reference
    if (PQresultStatus(res) != PGRES_TUPLES_OK) continue;
    for (int r = 0; r < PQntuples(res); r++)
      printf("%s\n", PQgetvalue(res, r, 0));
    PQclear(res);
  }
  return 0;
}
