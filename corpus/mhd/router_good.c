/* Exercises: a small router creating one of three responses; each branch
   destroys what it created, and the shared tail destroys the common one. */
#include <microhttpd.h>
#include <string.h>

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned int status, const char *body) {
  struct MHD_Response *r =
      MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
  if (!r) return MHD_NO;
  enum MHD_Result ret = MHD_queue_response(conn, status, r);
  MHD_destroy_response(r);
  return ret;
}

enum MHD_Result route(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                      const char *version, const char *upload_data, size_t *upload_data_size,
                      void **req_cls) {
  (void)cls, (void)version, (void)upload_data, (void)upload_data_size, (void)req_cls;
  if (strcmp(method, MHD_HTTP_METHOD_GET) != 0) {
    struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET");
    enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_METHOD_NOT_ALLOWED, r);
    MHD_destroy_response(r);
    return ret;
  }
  if (strcmp(url, "/health") == 0) return reply(conn, MHD_HTTP_OK, "ok\n");
  return reply(conn, MHD_HTTP_NOT_FOUND, "not found\n");
}
