/* Exercises: a factory returning a configured easy handle to its caller
   (ownership handed on, not a leak), releasing it only when configuration
   fails; the NULL test uses `== NULL`. */
#include <curl/curl.h>
#include <stddef.h>

CURL *http_client_new(const char *user_agent, long timeout_s) {
  CURL *curl = curl_easy_init();
  if (curl == NULL) return NULL;
  if (curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent) != CURLE_OK ||
      curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_s) != CURLE_OK ||
      curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK) {
    curl_easy_cleanup(curl);
    return NULL;
  }
  return curl;
}
