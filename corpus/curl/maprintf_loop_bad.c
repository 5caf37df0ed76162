/* Exercises: a curl_maprintf string built each iteration and released only
   when the transfer succeeds; the `break` path leaks it. */
#include <curl/curl.h>
#include <curl/mprintf.h>
#include <stdio.h>

int fetch_pages(CURL *curl, const char *base, int pages) {
  int done = 0;
  for (int p = 1; p <= pages; p++) {
    char *url = curl_maprintf("%s?page=%d", base, p); // expect: connlint-curl-leak
    if (!url) break;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    if (curl_easy_perform(curl) != CURLE_OK) {
      fprintf(stderr, "page %d failed\n", p);
      break;
    }
    curl_free(url);
    done++;
  }
  return done;
}
