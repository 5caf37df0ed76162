/* Exercises: an easy handle stored in a caller-owned struct (escape through
   a parameter) and released later by a separate fini function. */
#include <curl/curl.h>
#include <string.h>

struct fetcher {
  CURL *curl;
  char errbuf[CURL_ERROR_SIZE];
  long retries;
};

int fetcher_init(struct fetcher *f, long retries) {
  memset(f, 0, sizeof *f);
  f->curl = curl_easy_init();
  if (!f->curl) return -1;
  curl_easy_setopt(f->curl, CURLOPT_ERRORBUFFER, f->errbuf);
  curl_easy_setopt(f->curl, CURLOPT_NOSIGNAL, 1L);
  f->retries = retries;
  return 0;
}

void fetcher_fini(struct fetcher *f) {
  if (f->curl) curl_easy_cleanup(f->curl);
  f->curl = NULL;
}
