/* Exercises: the URL API; the CURLU handle and the strings curl_url_get
   hands out (out-parameter acquisitions that succeed when it returns
   CURLUE_OK) are released on every path. */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

int same_origin(const char *a, const char *b) {
  int same = 0;
  CURLU *ua = curl_url();
  if (!ua) return -1;
  CURLU *ub = curl_url_dup(ua);
  if (!ub) {
    curl_url_cleanup(ua);
    return -1;
  }
  if (curl_url_set(ua, CURLUPART_URL, a, 0) != CURLUE_OK ||
      curl_url_set(ub, CURLUPART_URL, b, 0) != CURLUE_OK)
    goto out;
  char *host_a, *host_b;
  if (curl_url_get(ua, CURLUPART_HOST, &host_a, 0) != CURLUE_OK) goto out;
  if (curl_url_get(ub, CURLUPART_HOST, &host_b, 0) == CURLUE_OK) {
    same = strcmp(host_a, host_b) == 0;
    curl_free(host_b);
  }
  curl_free(host_a);
out:
  curl_url_cleanup(ub);
  curl_url_cleanup(ua);
  return same;
}
