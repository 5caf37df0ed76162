/* Exercises: the result of curl_easy_escape dropped, as if it escaped the
   string in place: an ignored acquisition result. */
#include <curl/curl.h>
#include <stdio.h>

int search(CURL *curl, const char *base, const char *query) {
  char url[1024];
  curl_easy_escape(curl, query, 0); // expect: connlint-ignored-result
  snprintf(url, sizeof url, "%s/search?q=%s", base, query);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  return curl_easy_perform(curl) == CURLE_OK ? 0 : -1;
}
