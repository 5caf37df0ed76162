/* Exercises: a malloc'ed body handed to MHD with MHD_RESPMEM_MUST_FREE (the
   response takes it over); the body is freed here only when creating the
   response failed. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>

enum MHD_Result send_counter(struct MHD_Connection *conn, unsigned long hits) {
  char *body = malloc(64);
  if (!body) return MHD_NO;
  int n = snprintf(body, 64, "{\"hits\": %lu}\n", hits);
  struct MHD_Response *resp =
      MHD_create_response_from_buffer((size_t)n, body, MHD_RESPMEM_MUST_FREE);
  if (!resp) {
    free(body);
    return MHD_NO;
  }
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
  enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
  MHD_destroy_response(resp);
  return ret;
}
