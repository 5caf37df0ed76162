/* Exercises: a multi handle of this function's own runs one transfer; the
   multi is cleaned up but the easy handle it held is not: adding it to the
   multi does not hand it over. */
#include <curl/curl.h>

int fetch_once(const char *url) {
  CURLM *multi = curl_multi_init();
  if (!multi) return -1;
  CURL *easy = curl_easy_init(); // expect: connlint-curl-leak
  if (!easy) {
    curl_multi_cleanup(multi);
    return -1;
  }
  curl_easy_setopt(easy, CURLOPT_URL, url);
  curl_multi_add_handle(multi, easy);
  int running = 1;
  while (running) {
    if (curl_multi_perform(multi, &running) != CURLM_OK) break;
    if (running) curl_multi_poll(multi, NULL, 0, 1000, NULL);
  }
  curl_multi_remove_handle(multi, easy);
  curl_multi_cleanup(multi);
  return 0;
}
