/* Exercises: a response created once and kept in a file-scope variable for
   every request (escape into a global), destroyed at shutdown. */
#include <microhttpd.h>
#include <string.h>

static struct MHD_Response *not_found;

int responses_init(void) {
  static const char body[] = "404 not found\n";
  not_found = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
  return not_found ? 0 : -1;
}

enum MHD_Result send_not_found(struct MHD_Connection *conn) {
  return MHD_queue_response(conn, MHD_HTTP_NOT_FOUND, not_found);
}

void responses_fini(void) {
  if (not_found) MHD_destroy_response(not_found);
  not_found = NULL;
}
