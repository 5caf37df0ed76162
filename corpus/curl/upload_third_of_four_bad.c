/* Exercises: four error returns, only the third of which leaks the easy
   handle (the FILE* is closed on every path). */
#include <curl/curl.h>
#include <stdio.h>
#include <sys/stat.h>

int upload_file(const char *url, const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return -1;
  struct stat st;
  if (fstat(fileno(fp), &st) != 0) {
    fclose(fp);
    return -1;
  }
  CURL *curl = curl_easy_init(); // expect: connlint-curl-leak
  if (!curl) {
    fclose(fp);
    return -1;
  }
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_READDATA, fp);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)st.st_size);
  if (curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L) != CURLE_OK) {
    fclose(fp);
    return -1;
  }
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  fclose(fp);
  if (rc != CURLE_OK) return -1;
  return 0;
}
