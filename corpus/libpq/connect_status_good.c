/* Exercises: the failed connection is finished before returning NULL; the
   good one is returned to the caller. */
#include <libpq-fe.h>
#include <stdio.h>

PGconn *db_open(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "connection failed: %s", PQerrorMessage(conn));
    PQfinish(conn);
    return NULL;
  }
  return conn;
}
