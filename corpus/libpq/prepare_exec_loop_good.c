/* Exercises: prepare once, execute in a loop; each result is cleared in the
   iteration that produced it, including on the early return. */
#include <libpq-fe.h>
#include <stdio.h>

static const char LOOKUP_SQL[] = "SELECT name FROM users WHERE id = $1";

int print_names(PGconn *conn, const char *const *ids, int n) {
  PGresult *res = PQprepare(conn, "lookup", LOOKUP_SQL, 1, NULL);
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  if (!ok) return -1;
  for (int i = 0; i < n; i++) {
    const char *params[1] = {ids[i]};
    PGresult *row = PQexecPrepared(conn, "lookup", 1, params, NULL, NULL, 0);
    if (PQresultStatus(row) != PGRES_TUPLES_OK) {
      PQclear(row);
      return -1;
    }
    if (PQntuples(row) > 0 && !PQgetisnull(row, 0, 0)) printf("%s\n", PQgetvalue(row, 0, 0));
    PQclear(row);
  }
  return 0;
}
