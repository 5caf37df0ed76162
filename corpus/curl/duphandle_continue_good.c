/* Exercises: the same mirror loop; each `continue` after the duplicate
   exists releases it first. */
#include <curl/curl.h>
#include <stdio.h>

int mirror(CURL *tmpl, const char *const *urls, int n) {
  int failures = 0;
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_duphandle(tmpl);
    if (!h) {
      failures++;
      continue;
    }
    if (curl_easy_setopt(h, CURLOPT_URL, urls[i]) != CURLE_OK) {
      curl_easy_cleanup(h);
      failures++;
      continue;
    }
    if (curl_easy_perform(h) != CURLE_OK) {
      fprintf(stderr, "mirror: %s failed\n", urls[i]);
      failures++;
    }
    curl_easy_cleanup(h);
  }
  return failures;
}
