/*
 * A leftover from debugging: a check that the system can still create
 * sockets calls socket() and drops the result. If the call succeeds, the
 * new descriptor is unreachable at once: an ignored result at that call.
 */
#include <stdio.h>
#include <sys/socket.h>

int net_selftest(int verbose) {
  if (verbose) fprintf(stderr, "net: self-test\n");
  socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-ignored-result
  return 0;
}
