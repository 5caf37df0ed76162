/* Exercises: the same non-blocking connect, finishing the connection on
   both failure exits and returning it on success. */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>

PGconn *connect_async(const char *conninfo, int timeout_ms) {
  PGconn *conn = PQconnectStart(conninfo);
  if (!conn) return NULL;
  PostgresPollingStatusType st = PGRES_POLLING_WRITING;
  while (st != PGRES_POLLING_OK) {
    if (st == PGRES_POLLING_FAILED) {
      fprintf(stderr, "connect: %s", PQerrorMessage(conn));
      goto fail;
    }
    struct pollfd pfd = {.fd = PQsocket(conn)};
    pfd.events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
    if (poll(&pfd, 1, timeout_ms) <= 0) goto fail;
    st = PQconnectPoll(conn);
  }
  return conn;
fail:
  PQfinish(conn);
  return NULL;
}
