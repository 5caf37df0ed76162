/* Exercises: the same upload with a goto-cleanup ladder; every error path
   releases exactly what was acquired before it. */
#include <curl/curl.h>
#include <stdio.h>
#include <sys/stat.h>

int upload_file(const char *url, const char *path) {
  int ret = -1;
  CURL *curl = NULL;
  FILE *fp = fopen(path, "rb");
  if (!fp) return -1;
  struct stat st;
  if (fstat(fileno(fp), &st) != 0) goto out_file;
  curl = curl_easy_init();
  if (!curl) goto out_file;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_READDATA, fp);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)st.st_size);
  if (curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L) != CURLE_OK) goto out_curl;
  if (curl_easy_perform(curl) == CURLE_OK) ret = 0;
out_curl:
  curl_easy_cleanup(curl);
out_file:
  fclose(fp);
  return ret;
}
