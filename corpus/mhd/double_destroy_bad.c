/* Exercises: the response destroyed when queueing fails and again on the
   common path: a double release. */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

enum MHD_Result send_text(struct MHD_Connection *conn, const char *text) {
  struct MHD_Response *resp =
      MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
  if (!resp) return MHD_NO;
  enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
  if (ret != MHD_YES) {
    fprintf(stderr, "queue failed\n");
    MHD_destroy_response(resp);
  }
  MHD_destroy_response(resp); // expect: connlint-double-release
  return ret;
}
