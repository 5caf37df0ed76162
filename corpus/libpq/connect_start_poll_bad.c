/* Exercises: a non-blocking connect with PQconnectStart; the
   PGRES_POLLING_FAILED exit returns without PQfinish. */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>

PGconn *connect_async(const char *conninfo, int timeout_ms) {
  PGconn *conn = PQconnectStart(conninfo); // expect: connlint-pq-leak
  if (!conn) return NULL;
  PostgresPollingStatusType st = PGRES_POLLING_WRITING;
  for (;;) {
    if (st == PGRES_POLLING_OK) return conn;
    if (st == PGRES_POLLING_FAILED) {
      fprintf(stderr, "connect: %s", PQerrorMessage(conn));
      return NULL;
    }
    struct pollfd pfd = {.fd = PQsocket(conn)};
    pfd.events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
    if (poll(&pfd, 1, timeout_ms) <= 0) {
      PQfinish(conn);
      return NULL;
    }
    st = PQconnectPoll(conn);
  }
}
