/* Exercises: a string from curl_easy_escape released with free() instead of
   curl_free(): a release from the wrong family. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

void log_request(CURL *curl, FILE *log, const char *path) {
  char *escaped = curl_easy_escape(curl, path, 0);
  if (!escaped) return;
  fprintf(log, "GET /%s\n", escaped);
  free(escaped); // expect: connlint-mismatched-release
}
