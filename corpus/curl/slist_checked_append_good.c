/* Exercises: the append idiom curl's manual recommends, through a temporary
   so a failed append keeps the old list, which is then freed. */
#include <curl/curl.h>
#include <stddef.h>

struct curl_slist *build_headers(const char *const *lines, size_t n) {
  struct curl_slist *list = NULL;
  for (size_t i = 0; i < n; i++) {
    struct curl_slist *tmp = curl_slist_append(list, lines[i]);
    if (!tmp) {
      curl_slist_free_all(list);
      return NULL;
    }
    list = tmp;
  }
  return list;
}
