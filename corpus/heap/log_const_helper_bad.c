/*
 * A request logger formats the peer's address into a heap buffer and hands
 * it to the project's logging helper, whose body lives in another library.
 * The helper takes `const char *`: it cannot free the buffer without a
 * cast, so the buffer is still the caller's, and it is dropped when the
 * request is rejected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void access_log_write(const char *line);
int acl_allows(const char *peer);

int log_request(const char *peer, const char *path) {
  size_t n = strlen(peer) + strlen(path) + 16;
  char *line = malloc(n); // expect: connlint-memory-leak
  if (!line) return -1;
  snprintf(line, n, "%s GET %s", peer, path);
  access_log_write(line);
  if (!acl_allows(peer)) return -1;
  free(line);
  return 0;
}
