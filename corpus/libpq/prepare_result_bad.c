/* Exercises: PQprepare returns a PGresult that must be cleared even on
   success; here it is cleared only on the failure branch. */
#include <libpq-fe.h>
#include <stdio.h>

static const char LOOKUP_SQL[] = "SELECT name FROM users WHERE id = $1";

int prepare_lookup(PGconn *conn) {
  PGresult *res = PQprepare(conn, "lookup", LOOKUP_SQL, 1, NULL); // expect: connlint-pq-leak
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    fprintf(stderr, "prepare: %s", PQresultErrorMessage(res));
    PQclear(res);
    return -1;
  }
  return 0;
}
