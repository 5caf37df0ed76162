/* Exercises: escaped pieces freed after use, and a string from
   curl_maprintf returned to the caller, who frees it with curl_free. */
#include <curl/curl.h>
#include <curl/mprintf.h>
#include <stdio.h>

char *query_url(CURL *curl, const char *base, const char *key, const char *value) {
  char *k = curl_easy_escape(curl, key, 0);
  if (!k) return NULL;
  char *v = curl_easy_escape(curl, value, 0);
  if (!v) {
    curl_free(k);
    return NULL;
  }
  char *url = curl_maprintf("%s?%s=%s", base, k, v);
  curl_free(v);
  curl_free(k);
  return url;
}

int get_with_query(CURL *curl, const char *base, const char *key, const char *value) {
  char *url = query_url(curl, base, key, value);
  if (!url) return -1;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(curl);
  curl_free(url);
  return rc == CURLE_OK ? 0 : -1;
}
