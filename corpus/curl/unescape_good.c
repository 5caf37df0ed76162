/* Exercises: curl_easy_unescape with its length out-parameter; the decoded
   string is copied out and released on both branches. */
#include <curl/curl.h>
#include <string.h>

int decode_component(CURL *curl, const char *in, char *out, size_t outsz) {
  int len = 0;
  char *dec = curl_easy_unescape(curl, in, 0, &len);
  if (!dec) return -1;
  if ((size_t)len >= outsz) {
    curl_free(dec);
    return -1;
  }
  memcpy(out, dec, (size_t)len);
  out[len] = '\0';
  curl_free(dec);
  return len;
}
