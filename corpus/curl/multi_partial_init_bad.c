/* Exercises: partial acquisition of two resources; when the easy handle
   cannot be created the multi handle is leaked. */
#include <curl/curl.h>
#include <stdio.h>

struct crawler {
  CURLM *multi;
  CURL *seed;
};

int crawler_start(struct crawler *cr, const char *seed_url) {
  CURLM *multi = curl_multi_init(); // expect: connlint-curl-leak
  if (!multi) return -1;
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 8L);
  CURL *seed = curl_easy_init();
  if (!seed) {
    fprintf(stderr, "crawler: out of memory\n");
    return -1;
  }
  curl_easy_setopt(seed, CURLOPT_URL, seed_url);
  curl_multi_add_handle(multi, seed);
  cr->multi = multi;
  cr->seed = seed;
  return 0;
}
