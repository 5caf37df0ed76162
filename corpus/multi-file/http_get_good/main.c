/* Exercises (with http.c): the body returned by http_get() is freed on
   every path, and stored into a caller-owned struct in the second
   function (escape). */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int print_title(const char *url) {
  size_t len;
  char *body = http_get(url, &len);
  if (!body) return -1;
  int found = 0;
  char *start = strstr(body, "<title>");
  if (start) {
    start += 7;
    char *end = strstr(start, "</title>");
    if (end) {
      printf("%.*s\n", (int)(end - start), start);
      found = 1;
    }
  }
  free(body);
  return found;
}

struct page {
  char *body;
  size_t len;
};

int page_fetch(struct page *p, const char *url) {
  p->body = http_get(url, &p->len);
  return p->body ? 0 : -1;
}
