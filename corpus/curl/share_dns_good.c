/* Exercises: the share handle released on the loop's error exit (break)
   and on the normal exit; the easy handle released every iteration. */
#include <curl/curl.h>
#include <stddef.h>

int fetch_all(const char *const *urls, size_t n) {
  int ret = 0;
  CURLSH *share = curl_share_init();
  if (!share) return -1;
  curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  for (size_t i = 0; i < n; i++) {
    CURL *curl = curl_easy_init();
    if (!curl) {
      ret = -1;
      break;
    }
    curl_easy_setopt(curl, CURLOPT_SHARE, share);
    curl_easy_setopt(curl, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(curl) != CURLE_OK) ret = -1;
    curl_easy_cleanup(curl);
  }
  curl_share_cleanup(share);
  return ret;
}
