/*
 * The request logger again: the line goes to the const-taking logging
 * helper and is freed on both paths. A second helper takes `char *`: a
 * queue that keeps the line and frees it later, so the line handed to it
 * is the queue's, not a leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void access_log_write(const char *line);
void access_log_enqueue(char *line); /* frees the line once written */
int acl_allows(const char *peer);

int log_request(const char *peer, const char *path) {
  size_t n = strlen(peer) + strlen(path) + 16;
  char *line = malloc(n);
  if (!line) return -1;
  snprintf(line, n, "%s GET %s", peer, path);
  access_log_write(line);
  if (!acl_allows(peer)) {
    free(line);
    return -1;
  }
  free(line);
  return 0;
}

int log_request_async(const char *peer, const char *path) {
  size_t n = strlen(peer) + strlen(path) + 16;
  char *line = malloc(n);
  if (!line) return -1;
  snprintf(line, n, "%s GET %s", peer, path);
  access_log_enqueue(line);
  return acl_allows(peer) ? 0 : -1;
}
