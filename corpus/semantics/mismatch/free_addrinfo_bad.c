/*
 * Checks whether a host name resolves. The address list is released with
 * free(), which frees only the first node (not the rest of the list, nor
 * the canonical name): a mismatched release at the free() call, since the
 * list came from getaddrinfo() and needs freeaddrinfo().
 */
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

int host_resolves(const char *host) {
  struct addrinfo hints, *res;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  if (getaddrinfo(host, NULL, &hints, &res) != 0) return 0;
  int n = 0;
  for (struct addrinfo *ai = res; ai; ai = ai->ai_next)
    n++;
  free(res); // expect: connlint-mismatched-release
  return n;
}
