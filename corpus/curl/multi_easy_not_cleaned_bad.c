/* Exercises: curl_multi_cleanup does not clean up the easy handles that were
   added to it; the easy handle leaks on every path. */
#include <curl/curl.h>

int fetch_background(const char *url) {
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
    if (running && curl_multi_poll(multi, NULL, 0, 500, NULL) != CURLM_OK) break;
  }
  curl_multi_remove_handle(multi, easy);
  curl_multi_cleanup(multi);
  return 0;
}
