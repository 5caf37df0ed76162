/* Exercises: a handle variable reused for a second transfer without
   cleaning up the first: the overwrite loses the only reference. */
#include <curl/curl.h>

int fetch_twice(const char *primary, const char *fallback) {
  CURL *curl = curl_easy_init();
  if (!curl) return -1;
  curl_easy_setopt(curl, CURLOPT_URL, primary);
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_cleanup(curl);
    return 0;
  }
  curl = curl_easy_init(); // expect: connlint-lost-reference
  if (!curl) return -1;
  curl_easy_setopt(curl, CURLOPT_URL, fallback);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK ? 0 : -1;
}
