/* Exercises: a daemon started and leaked when writing the pid file fails. */
#include <microhttpd.h>
#include <stdio.h>
#include <unistd.h>

enum MHD_Result serve(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                      const char *version, const char *upload_data, size_t *upload_data_size,
                      void **req_cls);

struct MHD_Daemon *start_server(unsigned short port, const char *pidfile) {
  // clang-format off
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, port, NULL, NULL, serve, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END); // expect: connlint-mhd-leak
  // clang-format on
  if (!d) return NULL;
  FILE *f = fopen(pidfile, "w");
  if (!f) return NULL;
  fprintf(f, "%ld\n", (long)getpid());
  fclose(f);
  return d;
}
