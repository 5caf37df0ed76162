/* Exercises: the same ladder with every jump landing on the label that
   releases what is held. */
#include <libpq-fe.h>
#include <stdio.h>

int check_schema(const char *host, const char *user, const char *pw) {
  int ret = -1;
  PGconn *conn;
  conn = PQsetdbLogin(host, "5432", NULL, NULL, "app", user, pw);
  if (PQstatus(conn) != CONNECTION_OK) goto out_conn;
  PGresult *res = PQexec(conn, "SELECT version FROM schema_version");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) goto out_res;
  if (PQntuples(res) != 1) goto out_res;
  printf("schema %s\n", PQgetvalue(res, 0, 0));
  ret = 0;
out_res:
  PQclear(res);
out_conn:
  PQfinish(conn);
  return ret;
}
