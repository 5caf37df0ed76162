/*
 * A request parser fills a request struct through a pointer, but the
 * struct is this function's own local: what is stored through `req` stays
 * owned here. The error path after the second strdup() frees the method
 * but forgets the path.
 */
#include <stdlib.h>
#include <string.h>

struct request {
  char *method;
  char *path;
  int version;
};

static int parse_version(const char *s) {
  return strncmp(s, "HTTP/1.1", 8) == 0 ? 11 : 10;
}

int request_is_get(const char *method, const char *path, const char *proto) {
  struct request r;
  struct request *req = &r;
  req->method = strdup(method);
  if (!req->method) return -1;
  req->path = strdup(path); // expect: connlint-memory-leak
  if (!req->path) {
    free(req->method);
    return -1;
  }
  req->version = parse_version(proto);
  if (req->version < 11) {
    free(req->method);
    return 0;
  }
  int get = strcmp(r.method, "GET") == 0;
  free(r.method);
  free(r.path);
  return get;
}
