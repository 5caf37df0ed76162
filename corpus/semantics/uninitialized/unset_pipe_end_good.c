/*
 * A CGI-style spawner: stdin is /dev/null when the request has no body,
 * else a pipe. For a protocol upgrade the body length is rewritten to -1
 * (callers only ask for an upgrade on requests with a body). The error
 * path tells the two set-ups apart by the length, then by in[1]. On the
 * /dev/null path in[1] was never written, so the only way that path could
 * skip closing /dev/null is by testing an indeterminate value: undefined
 * behaviour (what -Wmaybe-uninitialized is for), not a run that leaks.
 * Every path a program can take closes what it opened.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct req {
  long len;
  int upgrade;
  const char *script;
};

static int spawn(const char *path, int in_fd, int out_fd) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    execl(path, path, (char *)NULL);
    _exit(127);
  }
  return 0;
}

int cgi_start(struct req *r, int out_fd) {
  int in[2];
  if (r->len == 0) {
    in[0] = open("/dev/null", O_RDONLY);
    if (in[0] < 0) return -1;
  } else if (pipe(in) < 0) {
    return -1;
  }
  if (r->upgrade) r->len = -1;
  if (spawn(r->script, in[0], out_fd) < 0) {
    if (r->len == 0) {
      close(in[0]);
    } else if (in[1] != -1) {
      close(in[0]);
      close(in[1]);
    }
    return -1;
  }
  close(in[0]);
  if (r->len != 0 && in[1] != -1) close(in[1]);
  return 0;
}
