/* Exercises: a goto-cleanup ladder over an easy handle, a header list and
   an escaped string, with the labels in reverse order of acquisition. */
#include <curl/curl.h>
#include <stdio.h>

int api_delete(const char *base, const char *name, const char *token) {
  int ret = -1;
  char url[1024];
  char auth[512];
  CURL *curl = curl_easy_init();
  if (!curl) goto out;
  char *ename = curl_easy_escape(curl, name, 0);
  if (!ename) goto out_curl;
  snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
  struct curl_slist *hdrs = curl_slist_append(NULL, auth);
  if (!hdrs) goto out_name;
  snprintf(url, sizeof url, "%s/items/%s", base, ename);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
  if (curl_easy_perform(curl) == CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    ret = code == 204 ? 0 : -1;
  }
  curl_slist_free_all(hdrs);
out_name:
  curl_free(ename);
out_curl:
  curl_easy_cleanup(curl);
out:
  return ret;
}
