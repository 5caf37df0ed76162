/* Exercises: the fd closed on the fstat failure, then owned by the response
   (MHD closes it when the response is destroyed). */
#include <fcntl.h>
#include <microhttpd.h>
#include <sys/stat.h>
#include <unistd.h>

enum MHD_Result send_file(struct MHD_Connection *conn, const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd == -1) return MHD_NO;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return MHD_NO;
  }
  struct MHD_Response *resp = MHD_create_response_from_fd((size_t)st.st_size, fd);
  if (!resp) {
    close(fd);
    return MHD_NO;
  }
  enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
  MHD_destroy_response(resp);
  return ret;
}
