/*
 * A response builder frees its header buffer early when it turns out to be
 * unused, sets the pointer to NULL, and frees again unconditionally at the
 * end. free(NULL) does nothing, so the second free() on that path releases
 * nothing: not a double release.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int build_response(char *out, size_t cap, int status, const char *body, int with_headers) {
  char *hdr = malloc(256);
  if (!hdr) return -1;
  snprintf(hdr, 256, "HTTP/1.1 %d OK\r\nContent-Length: %zu\r\n\r\n", status, strlen(body));
  if (!with_headers) {
    free(hdr);
    hdr = NULL;
  }
  int n = snprintf(out, cap, "%s%s", hdr ? hdr : "", body);
  free(hdr);
  return n;
}
