/*
 * The same ladder with one jump aimed at the wrong rung: when connect()
 * fails the code jumps to `free_buf`, skipping `close_s`. The socket is
 * still open at return on that path: a leak at socket(). The buffer and the
 * file are released on every path.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int push_file(const char *path, const struct sockaddr_in *sa) {
  int rc = -1;
  int fd = open(path, O_RDONLY);
  if (fd < 0) goto out;
  char *buf = malloc(65536);
  if (!buf) goto close_fd;
  int s = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (s < 0) goto free_buf;
  if (connect(s, (const struct sockaddr *)sa, sizeof *sa) != 0) goto free_buf;

  ssize_t n;
  while ((n = read(fd, buf, 65536)) > 0)
    if (send(s, buf, (size_t)n, 0) != n) goto close_s;
  if (n == 0) rc = 0;

close_s:
  close(s);
free_buf:
  free(buf);
close_fd:
  close(fd);
out:
  return rc;
}
