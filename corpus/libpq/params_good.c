/* Exercises: the parameterized insert with one exit after the query: the
   result is cleared exactly once whatever its status. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

static const char INSERT_SQL[] = "INSERT INTO events(kind, payload) VALUES($1, $2) RETURNING id";

long insert_event(PGconn *conn, const char *kind, const char *payload) {
  if (!kind || !*kind) return -1;
  const char *params[2] = {kind, payload};
  long id = -1;
  PGresult *res;
  res = PQexecParams(conn, INSERT_SQL, 2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    fprintf(stderr, "insert: %s", PQresultErrorMessage(res));
  else if (PQntuples(res) == 1)
    id = strtol(PQgetvalue(res, 0, 0), NULL, 10);
  PQclear(res);
  return id > 0 ? id : -1;
}
