/*
 * A proxy hands a backend socket to `conn` (a copy of `fd`). On the error
 * path it closes `conn`, which releases the descriptor whichever name is
 * used; on the success path it closes neither, and both names die at
 * return: a leak at socket(), found through the alias. Only one descriptor
 * exists, so there is one finding.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int backend_ping(const struct sockaddr_in *sa) {
  int fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  int conn = fd;

  if (connect(conn, (const struct sockaddr *)sa, sizeof *sa) != 0) {
    close(conn);
    return -1;
  }
  char pong[4];
  return recv(conn, pong, sizeof pong, MSG_WAITALL) == 4 ? 0 : -1;
}
