/* db.h - the application's database layer over libpq. */
#ifndef DB_H
#define DB_H

#include <libpq-fe.h>

/* pg.c: a connected PGconn, or NULL (nothing to finish). */
PGconn *pg_open(const char *conninfo);
/* db.c: a connection with the application's session settings, or NULL. */
PGconn *db_connect(const char *host, const char *dbname);

#endif
