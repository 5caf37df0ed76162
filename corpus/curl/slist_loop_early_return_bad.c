/* Exercises: a header list built in a loop is freed on the success path but
   not on the early return taken when the transfer fails. */
#include <curl/curl.h>
#include <stdio.h>

int put_object(const char *url, const char *const *headers, int nheaders) {
  CURL *curl = curl_easy_init();
  if (!curl) return -1;
  struct curl_slist *list = NULL;
  for (int i = 0; i < nheaders; i++)
    list = curl_slist_append(list, headers[i]); // expect: connlint-curl-leak
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    fprintf(stderr, "PUT %s: %s\n", url, curl_easy_strerror(rc));
    curl_easy_cleanup(curl);
    return -1;
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return 0;
}
