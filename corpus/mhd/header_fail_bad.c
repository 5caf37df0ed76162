/* Exercises: a response leaked when adding a header fails, before it is
   ever queued. */
#include <microhttpd.h>
#include <stdio.h>

enum MHD_Result send_json(struct MHD_Connection *conn, unsigned int status, const char *json,
                          size_t len) {
  // clang-format off
  struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)json, MHD_RESPMEM_MUST_COPY); // expect: connlint-mhd-leak
  // clang-format on
  if (resp == NULL) return MHD_NO;
  if (MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json") != MHD_YES) {
    fprintf(stderr, "cannot set content type\n");
    return MHD_NO;
  }
  enum MHD_Result ret = MHD_queue_response(conn, status, resp);
  MHD_destroy_response(resp);
  return ret;
}
