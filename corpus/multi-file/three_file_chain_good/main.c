/* Exercises (with db.c, pg.c): the top of the chain; the connection from
   db_connect() is finished on every path. */
#include "db.h"

#include <stdio.h>

static int migrate(PGconn *conn) {
  PGresult *res = PQexec(conn, "CREATE TABLE IF NOT EXISTS jobs(id serial, name text)");
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok ? 0 : -1;
}

int run_migration(const char *host, const char *dbname) {
  PGconn *conn = db_connect(host, dbname);
  if (!conn) return 1;
  int rc = migrate(conn) < 0 ? 1 : 0;
  PQfinish(conn);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: migrate HOST DB\n");
    return 2;
  }
  return run_migration(argv[1], argv[2]);
}
