/* Exercises (with pg.c, main.c): the middle of the chain; passes the
   connection from pg_open() up, finishing it when the session setup
   fails. */
#include "db.h"

#include <stdio.h>

PGconn *db_connect(const char *host, const char *dbname) {
  char conninfo[512];
  snprintf(conninfo, sizeof conninfo, "host=%s dbname=%s connect_timeout=5", host, dbname);
  PGconn *conn = pg_open(conninfo);
  if (!conn) return NULL;
  PGresult *res = PQexec(conn, "SET search_path TO app, public");
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  if (!ok) {
    PQfinish(conn);
    return NULL;
  }
  return conn;
}
