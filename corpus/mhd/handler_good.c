/* Exercises: the canonical handler: create, queue (borrow), destroy, return
   the queue result. */
#include <microhttpd.h>
#include <string.h>

static const char PAGE[] = "<html><body>hello</body></html>";

enum MHD_Result hello_handler(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **req_cls) {
  (void)cls, (void)url, (void)method, (void)version, (void)upload_data, (void)upload_data_size;
  (void)req_cls;
  struct MHD_Response *resp =
      MHD_create_response_from_buffer(strlen(PAGE), (void *)PAGE, MHD_RESPMEM_PERSISTENT);
  if (!resp) return MHD_NO;
  enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
  MHD_destroy_response(resp);
  return ret;
}
