/* Exercises: an escaped string leaked on the one error path where the URL
   does not fit the buffer; the later paths free it. */
#include <curl/curl.h>
#include <stdio.h>

int search(CURL *curl, const char *base, const char *query) {
  char url[512];
  char *q = curl_easy_escape(curl, query, 0); // expect: connlint-curl-leak
  if (!q) return -1;
  int n = snprintf(url, sizeof url, "%s/search?q=%s", base, q);
  if (n < 0 || (size_t)n >= sizeof url) return -1;
  curl_free(q);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  return curl_easy_perform(curl) == CURLE_OK ? 0 : -1;
}
