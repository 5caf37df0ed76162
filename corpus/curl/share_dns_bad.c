/* Exercises: a share handle (DNS cache shared by sequential transfers)
   leaked on the early return inside the loop. */
#include <curl/curl.h>
#include <stddef.h>

int fetch_all(const char *const *urls, size_t n) {
  CURLSH *share = curl_share_init(); // expect: connlint-curl-leak
  if (!share) return -1;
  curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  for (size_t i = 0; i < n; i++) {
    CURL *curl = curl_easy_init();
    if (!curl) return -1;
    curl_easy_setopt(curl, CURLOPT_SHARE, share);
    curl_easy_setopt(curl, CURLOPT_URL, urls[i]);
    curl_easy_perform(curl);
    curl_easy_cleanup(curl);
  }
  curl_share_cleanup(share);
  return 0;
}
