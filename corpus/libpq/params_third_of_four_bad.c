/* Exercises: four error returns in an insert helper; only the third (the
   row count check) returns without PQclear. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

static const char INSERT_SQL[] = "INSERT INTO events(kind, payload) VALUES($1, $2) RETURNING id";

long insert_event(PGconn *conn, const char *kind, const char *payload) {
  if (!kind || !*kind) return -1;
  const char *params[2] = {kind, payload};
  PGresult *res;
  res = PQexecParams(conn, INSERT_SQL, 2, NULL, params, NULL, NULL, 0); // expect: connlint-pq-leak
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    fprintf(stderr, "insert: %s", PQresultErrorMessage(res));
    PQclear(res);
    return -1;
  }
  if (PQntuples(res) != 1) return -1;
  long id = strtol(PQgetvalue(res, 0, 0), NULL, 10);
  PQclear(res);
  if (id <= 0) return -1;
  return id;
}
