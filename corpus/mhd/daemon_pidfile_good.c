/* Exercises: the daemon is stopped when writing the pid file fails and
   handed to the caller otherwise. */
#include <microhttpd.h>
#include <stdio.h>
#include <unistd.h>

enum MHD_Result serve(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                      const char *version, const char *upload_data, size_t *upload_data_size,
                      void **req_cls);

struct MHD_Daemon *start_server(unsigned short port, const char *pidfile) {
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, port, NULL, NULL, serve,
                                          NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
  if (!d) return NULL;
  FILE *f = fopen(pidfile, "w");
  if (!f) {
    MHD_stop_daemon(d);
    return NULL;
  }
  fprintf(f, "%ld\n", (long)getpid());
  fclose(f);
  return d;
}
