/*
 * A CGI launcher that makes its input pipe only when it has no file to give
 * the child. On the error path it closes that pipe when its write end is
 * set; the write end is set whenever pipe() succeeded, so the test never
 * skips a pipe that exists. No leak.
 */
#include <unistd.h>

int spawn_pipes(int have_file, int file_fd, int fds_out[4]) {
  int to[2], from[2];
  to[0] = -1;
  to[1] = -1;
  if (have_file) to[0] = file_fd;
  if (-1 == to[0] && pipe(to) != 0) return -1;
  if (pipe(from) != 0) {
    if (-1 != to[1]) {
      close(to[0]);
      close(to[1]);
    }
    return -1;
  }
  fds_out[0] = to[0];
  fds_out[1] = to[1];
  fds_out[2] = from[0];
  fds_out[3] = from[1];
  return 0;
}
