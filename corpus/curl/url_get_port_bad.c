/* Exercises: an out-parameter acquisition (curl_url_get's host string)
   leaked when the second lookup fails; the CURLU handle is fine. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

int print_endpoint(const char *url) {
  CURLU *u = curl_url();
  if (!u) return -1;
  if (curl_url_set(u, CURLUPART_URL, url, CURLU_DEFAULT_SCHEME) != CURLUE_OK) {
    curl_url_cleanup(u);
    return -1;
  }
  char *host = NULL;
  char *port = NULL;
  if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) { // expect: connlint-curl-leak
    curl_url_cleanup(u);
    return -1;
  }
  if (curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
    curl_url_cleanup(u);
    return -1;
  }
  printf("%s:%s\n", host, port);
  curl_free(port);
  curl_free(host);
  curl_url_cleanup(u);
  return 0;
}
