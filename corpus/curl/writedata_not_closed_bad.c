/* Exercises: the output stream set as WRITEDATA lives in the handle only
   while the handle lives; the handle is this function's and is cleaned up,
   and the stream is never closed. */
#include <curl/curl.h>
#include <stdio.h>

int download(const char *url, const char *path) {
  CURL *easy = curl_easy_init();
  if (!easy) return -1;
  FILE *out = fopen(path, "wb"); // expect: connlint-file-leak
  if (!out) {
    curl_easy_cleanup(easy);
    return -1;
  }
  curl_easy_setopt(easy, CURLOPT_URL, url);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, out);
  curl_easy_setopt(easy, CURLOPT_FAILONERROR, 1L);
  CURLcode rc = curl_easy_perform(easy);
  curl_easy_cleanup(easy);
  return rc == CURLE_OK ? 0 : -1;
}
