/* Exercises: a connection stored in a caller-owned struct (escape), with
   the failed connection finished and the field cleared. */
#include <libpq-fe.h>
#include <stddef.h>

struct store {
  PGconn *conn;
  int retries;
};

int store_connect(struct store *s, const char *host, const char *dbname) {
  const char *keys[] = {"host", "dbname", "connect_timeout", NULL};
  const char *vals[] = {host, dbname, "5", NULL};
  s->conn = PQconnectdbParams(keys, vals, 0);
  if (PQstatus(s->conn) != CONNECTION_OK) {
    PQfinish(s->conn);
    s->conn = NULL;
    return -1;
  }
  s->retries = 0;
  return 0;
}

void store_close(struct store *s) {
  PQfinish(s->conn);
  s->conn = NULL;
}
