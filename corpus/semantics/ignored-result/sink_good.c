/*
 * Passes a fresh socket straight into `pool_put()` without naming it.
 * pool_put() is declared but has no body here and no rule, so the socket
 * escapes to it: the result is used, not dropped. A strdup() copy that may
 * be NULL is measured and freed in the second function. Nothing is
 * reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct pool;
int pool_put(struct pool *p, int fd);

int pool_prefill(struct pool *p, int n) {
  for (int i = 0; i < n; i++)
    if (pool_put(p, socket(AF_INET, SOCK_STREAM, 0)) != 0) return -1;
  return 0;
}

size_t label_len(const char *s) {
  char *copy = strdup(s);
  size_t n = copy ? strlen(copy) : 0;
  free(copy);
  return n;
}
