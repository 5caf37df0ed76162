/* http.h - one-shot HTTP GET into memory. */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>

/* Returns the response body, NUL-terminated, in memory from malloc that the
   caller frees; NULL on failure. *len receives the body length. */
char *http_get(const char *url, size_t *len);

#endif
