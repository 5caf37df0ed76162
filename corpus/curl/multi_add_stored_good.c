/* Exercises: a transfer added to a multi handle the caller owns: the multi
   keeps the easy handle, and the caller's event loop removes and cleans it
   up when the transfer is done. */
#include <curl/curl.h>

int queue_transfer(CURLM *multi, const char *url, void *ctx) {
  CURL *easy = curl_easy_init();
  if (!easy) return -1;
  curl_easy_setopt(easy, CURLOPT_URL, url);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, ctx);
  if (curl_multi_add_handle(multi, easy) != CURLM_OK) {
    curl_easy_cleanup(easy);
    return -1;
  }
  return 0;
}
