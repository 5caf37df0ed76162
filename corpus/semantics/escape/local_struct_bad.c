/*
 * Parses an HTTP request line into a request struct that lives on this
 * function's stack; the method and path are strndup()'d into it. The struct
 * is dropped at return without freeing the path: a leak at the strndup()
 * that produced it. The method is freed. A local struct is not memory
 * reachable from outside, so storing into it is not an escape.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

struct request {
  char *method;
  char *path;
  int version;
};

int request_is_static(const char *line) {
  struct request req = {0};
  const char *sp = strchr(line, ' ');
  if (!sp) return -1;
  req.method = strndup(line, (size_t)(sp - line));
  if (!req.method) return -1;
  const char *sp2 = strchr(sp + 1, ' ');
  size_t plen = sp2 ? (size_t)(sp2 - sp - 1) : strlen(sp + 1);
  req.path = strndup(sp + 1, plen); // expect: connlint-memory-leak
  if (!req.path) {
    free(req.method);
    return -1;
  }

  int is_static = strcmp(req.method, "GET") == 0 && strncmp(req.path, "/static/", 8) == 0;
  free(req.method);
  return is_static;
}
