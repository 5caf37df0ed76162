/* Exercises: a curl_getenv string leaked when the value is rejected; the
   test `if (!val)` before it is a failed acquisition and fine. */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

long timeout_from_env(long fallback) {
  char *val = curl_getenv("FETCH_TIMEOUT"); // expect: connlint-curl-leak
  if (!val) return fallback;
  char *end;
  long t = strtol(val, &end, 10);
  if (*end != '\0' || t <= 0) return fallback;
  curl_free(val);
  return t;
}
