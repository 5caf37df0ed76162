/* Exercises: four error returns in an insert helper; the third (the row
   count check) returns without PQclear. */
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

int insert_event(PGconn *conn, const char *kind, const char *payload) {
  if (!kind || !*kind)
    return -1;
  if (strlen(payload) > 8192)
    return -1;
  const char *params[2] = {kind, payload};
  PGresult *res = PQexecParams(conn, "INSERT INTO events(kind, payload) VALUES($1, $2)", 2, NULL, params, NULL, NULL, 0); // expect: connlint-pq-leak
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    fprintf(stderr, "insert: %s", PQresultErrorMessage(res));
    PQclear(res);
    return -1;
  }
  if (strcmp(PQcmdTuples(res), "1") != 0)
    return -1;
  PQclear(res);
  return 0;
}
