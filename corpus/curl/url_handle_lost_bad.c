/* Exercises: a CURLU handle leaked on the path where setting the URL fails;
   the success path returns a copy of the path, and the handle is kept only
   in a local. */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

char *url_path(const char *url) {
  CURLU *u = curl_url(); // expect: connlint-curl-leak
  if (!u) return NULL;
  if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) return NULL;
  char *path;
  char *copy = NULL;
  if (curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK) {
    copy = strdup(path);
    curl_free(path);
  }
  curl_url_cleanup(u);
  return copy;
}
