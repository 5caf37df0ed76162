/* Exercises: a goto ladder where one error jumps to the wrong label and
   skips PQfinish. */
#include <libpq-fe.h>
#include <stdio.h>

int check_schema(const char *host, const char *user, const char *pw) {
  int ret = -1;
  PGconn *conn;
  conn = PQsetdbLogin(host, "5432", NULL, NULL, "app", user, pw); // expect: connlint-pq-leak
  if (PQstatus(conn) != CONNECTION_OK) goto out_conn;
  PGresult *res = PQexec(conn, "SELECT version FROM schema_version");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) goto out_res;
  if (PQntuples(res) != 1) {
    PQclear(res);
    goto out;
  }
  printf("schema %s\n", PQgetvalue(res, 0, 0));
  ret = 0;
out_res:
  PQclear(res);
out_conn:
  PQfinish(conn);
out:
  return ret;
}
