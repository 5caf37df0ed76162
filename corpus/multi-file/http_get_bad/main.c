/* Exercises (with http.c): the body returned by http_get() leaks on the
   early return taken when the page has no title. */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int print_title(const char *url) {
  size_t len;
  char *body = http_get(url, &len); // expect: connlint-memory-leak
  if (!body) return -1;
  char *start = strstr(body, "<title>");
  if (!start) return 0;
  start += 7;
  char *end = strstr(start, "</title>");
  if (end) printf("%.*s\n", (int)(end - start), start);
  free(body);
  return 1;
}
