/* Exercises: parameterized insert with one exit: the result is cleared
   exactly once whatever the status. */
#include <libpq-fe.h>
#include <string.h>

int insert_event(PGconn *conn, const char *kind, const char *payload) {
  const char *params[2] = {kind, payload};
  PGresult *res = PQexecParams(conn, "INSERT INTO events(kind, payload) VALUES($1, $2)", 2, NULL, params, NULL, NULL, 0);
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK && strcmp(PQcmdTuples(res), "1") == 0;
  PQclear(res);
  return ok ? 0 : -1;
}
