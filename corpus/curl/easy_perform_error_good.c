/* Exercises: the fixed probe; the handle is cleaned up before either
   return, and `if (!curl) return` is a failed acquisition owning nothing. */
#include <curl/curl.h>
#include <stdio.h>

static size_t discard(char *ptr, size_t size, size_t nmemb, void *userdata) {
  (void)ptr;
  (void)userdata;
  return size * nmemb;
}

long probe_status(const char *url) {
  long status = -1;
  CURL *curl = curl_easy_init();
  if (!curl) return -1;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  else
    fprintf(stderr, "probe %s: %s\n", url, curl_easy_strerror(rc));
  curl_easy_cleanup(curl);
  return status;
}
