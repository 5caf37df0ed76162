/* Exercises: PQdescribePrepared's result read with PQnparams and cleared;
   the count is copied out before the clear. */
#include <libpq-fe.h>

int prepared_param_count(PGconn *conn, const char *name) {
  PGresult *desc = PQdescribePrepared(conn, name);
  if (!desc) return -1;
  int n = PQresultStatus(desc) == PGRES_COMMAND_OK ? PQnparams(desc) : -1;
  PQclear(desc);
  return n;
}
