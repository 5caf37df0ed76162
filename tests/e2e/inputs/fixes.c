/* Leaks with and without a suggested fix (tests/e2e/fixes.sh): a fix is
   offered only where inserting the release before the exit is right on
   every path that reaches it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BAIL_OUT return -1

/* Fix: the early return is the lone body of an if, so it gets braces. */
int read_header(const char *path, char *hdr, size_t n) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  if (read(fd, hdr, n) != (ssize_t)n)
    return -1;
  close(fd);
  return 0;
}

/* Fix: a return that is a statement of its own, inside braces. */
int bind_listener(int port, int backlog) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return -1;
  if (backlog <= 0) {
    fprintf(stderr, "bad backlog %d for port %d\n", backlog, port);
    return -1;
  }
  if (listen(s, backlog) < 0) { close(s); return -1; }
  return s;
}

/* Fix: the jump to the shared exit, where fp is not closed. */
int load_config(const char *path, char *buf, size_t n) {
  int ret = -1;
  FILE *fp = fopen(path, "r");
  if (!fp) goto out;
  if (fread(buf, 1, n, fp) != n) goto out;
  fclose(fp);
  ret = 0;
out:
  return ret;
}

/* No fix: on the path that leaks, fd may still be -1 (not yet tested). */
int probe(const char *path, int quick) {
  int fd = open(path, O_RDONLY);
  if (quick)
    return 0;
  if (fd < 0) return -1;
  close(fd);
  return 1;
}

/* No fix: the returned value uses the descriptor. */
int send_banner(const char *host) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  return (int)write(fd, host, strlen(host));
}

/* No fix: the exit is written by a macro. */
int open_log(const char *path, int verbose) {
  int fd = open(path, O_WRONLY | O_APPEND);
  if (fd < 0) return -1;
  if (verbose > 2) { BAIL_OUT; }
  close(fd);
  return 0;
}

/* No fix: the code after the label uses the descriptor, so closing it
   before the goto would be a use after close. */
int drain(int port, char *buf, size_t n) {
  int ret = -1;
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return -1;
  if (port == 0) goto done;
  close(s);
  return 0;
done:
  ret = (int)read(s, buf, n);
  return ret;
}
