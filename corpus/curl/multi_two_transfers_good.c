/* Exercises: two easy handles borrowed by curl_multi_add_handle, driven with
   curl_multi_perform/poll, removed and cleaned up; partial acquisition
   (the second init failing) releases the first. */
#include <curl/curl.h>
#include <stdio.h>

int fetch_pair(const char *url_a, const char *url_b) {
  int ret = -1;
  CURLM *multi = curl_multi_init();
  if (!multi) return -1;
  CURL *a = curl_easy_init();
  if (!a) goto out_multi;
  CURL *b = curl_easy_init();
  if (!b) goto out_a;
  curl_easy_setopt(a, CURLOPT_URL, url_a);
  curl_easy_setopt(b, CURLOPT_URL, url_b);
  curl_multi_add_handle(multi, a);
  curl_multi_add_handle(multi, b);
  int running = 1;
  while (running) {
    CURLMcode mc = curl_multi_perform(multi, &running);
    if (mc == CURLM_OK && running) mc = curl_multi_poll(multi, NULL, 0, 1000, NULL);
    if (mc != CURLM_OK) {
      fprintf(stderr, "multi: %s\n", curl_multi_strerror(mc));
      break;
    }
  }
  int msgs;
  CURLMsg *msg;
  ret = 0;
  while ((msg = curl_multi_info_read(multi, &msgs)) != NULL)
    if (msg->msg == CURLMSG_DONE && msg->data.result != CURLE_OK) ret = -1;
  curl_multi_remove_handle(multi, b);
  curl_multi_remove_handle(multi, a);
  curl_easy_cleanup(b);
out_a:
  curl_easy_cleanup(a);
out_multi:
  curl_multi_cleanup(multi);
  return ret;
}
