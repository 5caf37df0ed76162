/*
 * The same spawner, but in[1] starts as -1. With an upgrade on a request
 * without a body (which this function does not rule out) the length
 * becomes -1 after /dev/null was opened, and the error path takes the
 * pipe branch, finds in[1] == -1 and closes nothing: /dev/null leaks. The
 * path is well defined now, so it is reported.
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
  in[1] = -1;
  if (r->len == 0) {
    in[0] = open("/dev/null", O_RDONLY); // expect: connlint-fd-leak
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
