/* Exercises: the error branch cleans up the handle but falls through to the
   common cleanup (a missing `goto out`): a double release. */
#include <curl/curl.h>
#include <stdio.h>

int download(const char *url, FILE *out) {
  int status = 0;
  CURL *curl = curl_easy_init();
  if (!curl) return -1;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    fprintf(stderr, "download: %s\n", curl_easy_strerror(rc));
    curl_easy_cleanup(curl);
    status = -1;
  }
  fflush(out);
  curl_easy_cleanup(curl); // expect: connlint-double-release
  return status;
}
