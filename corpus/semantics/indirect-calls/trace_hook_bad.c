/*
 * A proxy traces each upstream connection through a hook chosen at start-up
 * (plain or timestamped stderr tracing). Both functions the hook can hold
 * are in this file and only print the descriptor, so the call through the
 * hook takes nothing: the socket is still the caller's and leaks when the
 * upstream refuses the connection.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void trace_plain(int fd, const char *what) {
  fprintf(stderr, "fd %d: %s\n", fd, what);
}

static void trace_stamped(int fd, const char *what) {
  fprintf(stderr, "[%ld] fd %d: %s\n", (long)time(NULL), fd, what);
}

static void (*trace_conn)(int, const char *) = trace_plain;

void proxy_set_timestamps(int on) {
  trace_conn = on ? trace_stamped : trace_plain;
}

int proxy_dial(const struct sockaddr_in *upstream) {
  int fd = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (fd < 0) return -1;
  trace_conn(fd, "dialing");
  if (connect(fd, (const struct sockaddr *)upstream, sizeof *upstream) < 0) return -1;
  return fd;
}
