/* Exercises: a file served with MHD_create_response_from_fd; the fd leaks
   when fstat fails, before it is handed to the response. */
#include <fcntl.h>
#include <microhttpd.h>
#include <sys/stat.h>
#include <unistd.h>

enum MHD_Result send_file(struct MHD_Connection *conn, const char *path) {
  int fd = open(path, O_RDONLY); // expect: connlint-fd-leak
  if (fd < 0) return MHD_NO;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return MHD_NO;
  struct MHD_Response *resp = MHD_create_response_from_fd((size_t)st.st_size, fd);
  if (!resp) {
    close(fd);
    return MHD_NO;
  }
  enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
  MHD_destroy_response(resp);
  return ret;
}
