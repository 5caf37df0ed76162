/* Exercises (with db.c, main.c): the bottom of a three-file chain; a
   failed connection is finished here and NULL returned. */
#include "db.h"

#include <stdio.h>

PGconn *pg_open(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "pg_open: %s", PQerrorMessage(conn));
    PQfinish(conn);
    return NULL;
  }
  return conn;
}
