/* Exercises: correlated branches; the proxy string is acquired only when
   use_env is set and released under the same test later. */
#include <curl/curl.h>

int fetch_via_proxy(CURL *curl, const char *url, int use_env) {
  char *proxy = NULL;
  if (use_env) proxy = curl_getenv("HTTPS_PROXY");
  curl_easy_setopt(curl, CURLOPT_URL, url);
  if (proxy) curl_easy_setopt(curl, CURLOPT_PROXY, proxy);
  CURLcode rc = curl_easy_perform(curl);
  if (use_env) curl_free(proxy);
  return rc == CURLE_OK ? 0 : -1;
}
