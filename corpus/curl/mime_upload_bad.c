/* Exercises: a mime structure leaked when adding the file part fails; the
   part itself belongs to the mime and needs no release of its own. */
#include <curl/curl.h>
#include <stdio.h>

int upload_form(CURL *curl, const char *url, const char *file) {
  curl_mime *mime = curl_mime_init(curl); // expect: connlint-curl-leak
  if (!mime) return -1;
  curl_mimepart *part = curl_mime_addpart(mime);
  curl_mime_name(part, "file");
  if (curl_mime_filedata(part, file) != CURLE_OK) {
    fprintf(stderr, "cannot attach %s\n", file);
    return -1;
  }
  part = curl_mime_addpart(mime);
  curl_mime_name(part, "comment");
  curl_mime_data(part, "uploaded by tool", CURL_ZERO_TERMINATED);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
  CURLcode rc = curl_easy_perform(curl);
  curl_mime_free(mime);
  return rc == CURLE_OK ? 0 : -1;
}
