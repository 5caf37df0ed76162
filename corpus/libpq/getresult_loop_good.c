/* Exercises: an asynchronous query drained with PQgetResult until NULL;
   the acquisition sits in the loop condition and every result is
   cleared inside the body. */
#include <libpq-fe.h>
#include <stdio.h>

int run_script(PGconn *conn, const char *script) {
  int errors = 0;
  if (!PQsendQuery(conn, script)) return -1;
  PGresult *res;
  while ((res = PQgetResult(conn)) != NULL) {
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      fprintf(stderr, "%s", PQresultErrorMessage(res));
      errors++;
    }
    PQclear(res);
  }
  return errors ? -1 : 0;
}
