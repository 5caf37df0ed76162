/* Exercises (with db.c, pg.c): a three-file chain; the connection acquired
   by PQconnectdb in pg.c reaches run_migration() through db_connect() and leaks when
   the migration fails. */
#include "db.h"

#include <stdio.h>

static int migrate(PGconn *conn) {
  PGresult *res = PQexec(conn, "CREATE TABLE IF NOT EXISTS jobs(id serial, name text)");
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok ? 0 : -1;
}

int run_migration(const char *host, const char *dbname) {
  PGconn *conn = db_connect(host, dbname); // expect: connlint-pq-leak
  if (!conn) return 1;
  if (migrate(conn) < 0) {
    fprintf(stderr, "migration failed: %s", PQerrorMessage(conn));
    return 1;
  }
  PQfinish(conn);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: migrate HOST DB\n");
    return 2;
  }
  return run_migration(argv[1], argv[2]);
}
