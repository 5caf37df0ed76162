/* Exercises (with main.c): a helper in another file returning a malloc'ed
   response body; the body grows in the write callback, and every libcurl
   handle is released inside the helper. */
#include "http.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

struct membuf {
  char *data;
  size_t len;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata) {
  struct membuf *mb = userdata;
  size_t n = size * nmemb;
  char *p = realloc(mb->data, mb->len + n + 1);
  if (!p) return 0;
  mb->data = p;
  memcpy(mb->data + mb->len, ptr, n);
  mb->len += n;
  mb->data[mb->len] = '\0';
  return n;
}

char *http_get(const char *url, size_t *len) {
  struct membuf mb;
  mb.len = 0;
  mb.data = malloc(1);
  if (!mb.data) return NULL;
  mb.data[0] = '\0';
  CURL *curl = curl_easy_init();
  if (!curl) {
    free(mb.data);
    return NULL;
  }
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &mb);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    free(mb.data);
    return NULL;
  }
  *len = mb.len;
  return mb.data;
}
