/* Exercises: a header list handed to CURLOPT_HTTPHEADER and never freed:
   curl_easy_setopt only borrows it, curl_easy_cleanup does not free it. */
#include <curl/curl.h>

int send_ping(const char *url, const char *token_header) {
  CURL *curl = curl_easy_init();
  if (!curl) return -1;
  struct curl_slist *hdrs = curl_slist_append(NULL, token_header); // expect: connlint-curl-leak
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "ping");
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK ? 0 : -1;
}
