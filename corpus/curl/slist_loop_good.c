/* Exercises: curl_slist_append in a loop reassigning the list head (each
   append takes over the previous head), the list borrowed by
   curl_easy_setopt(CURLOPT_HTTPHEADER) and freed once at the end. */
#include <curl/curl.h>
#include <stddef.h>

int post_json(const char *url, const char *body, const char *const *extra, size_t nextra) {
  CURL *curl = curl_easy_init();
  if (!curl) return -1;
  struct curl_slist *headers = NULL;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  for (size_t i = 0; i < nextra; i++)
    headers = curl_slist_append(headers, extra[i]);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK ? 0 : -1;
}
