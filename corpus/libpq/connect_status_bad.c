/* Exercises: PQconnectdb returns a connection object even when the
   connection failed; returning on PQstatus != CONNECTION_OK without
   PQfinish leaks it. */
#include <libpq-fe.h>
#include <stdio.h>

PGconn *db_open(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo); // expect: connlint-pq-leak
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "connection failed: %s", PQerrorMessage(conn));
    return NULL;
  }
  return conn;
}
