/* Exercises: a download job keeps its easy handle in the job struct the
   caller owns; the output stream is set as WRITEDATA and the header list as
   HTTPHEADER, so both live in the handle and leave with it. job_finish()
   (elsewhere) closes them. */
#include <curl/curl.h>
#include <stdio.h>

struct job {
  CURL *easy;
  char error[CURL_ERROR_SIZE];
};

int job_start(struct job *job, const char *url, const char *path, const char *token) {
  CURL *easy = curl_easy_init();
  if (!easy) return -1;
  FILE *out = fopen(path, "wb");
  if (!out) {
    curl_easy_cleanup(easy);
    return -1;
  }
  struct curl_slist *headers = curl_slist_append(NULL, token);
  if (!headers) {
    fclose(out);
    curl_easy_cleanup(easy);
    return -1;
  }
  curl_easy_setopt(easy, CURLOPT_URL, url);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, out);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, out);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, job->error);
  job->easy = easy;
  return 0;
}
