/* Exercises: a query helper returning the PGresult to its caller on
   success and clearing it on failure; the caller clears it. */
#include <libpq-fe.h>
#include <stdio.h>

PGresult *query_rows(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(res));
    PQclear(res);
    return NULL;
  }
  return res;
}

int print_tables(PGconn *conn) {
  PGresult *res = query_rows(conn, "SELECT tablename FROM pg_tables");
  if (!res) return -1;
  for (int i = 0; i < PQntuples(res); i++)
    puts(PQgetvalue(res, i, 0));
  PQclear(res);
  return 0;
}
