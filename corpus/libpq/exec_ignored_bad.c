/* Exercises: PQexec results dropped on the floor for statements whose
   outcome "does not matter": each is an ignored acquisition result. */
#include <libpq-fe.h>

int touch_session(PGconn *conn, const char *app) {
  PQexec(conn, "SET statement_timeout = 5000"); // expect: connlint-ignored-result
  PGresult *res = PQexec(conn, "SELECT pg_backend_pid()");
  int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
  PQclear(res);
  (void)app;
  return ok ? 0 : -1;
}
