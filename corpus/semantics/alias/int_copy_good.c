/*
 * A health checker opens a socket into `fd`, copies it into `s` for the
 * connect-and-probe part, and closes through the copy. Both names hold the
 * same descriptor, so close(s) releases it; nothing leaks and nothing is
 * released twice.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int health_check(const struct sockaddr_in *sa) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  int s = fd;

  int ok =
      connect(s, (const struct sockaddr *)sa, sizeof *sa) == 0 && send(s, "PING\r\n", 6, 0) == 6;
  close(s);
  return ok ? 0 : -1;
}
