/*
 * A CGI-style spawner: the child's stdin is /dev/null when the request has
 * no body (and is not a protocol upgrade), else a pipe. Between that choice
 * and the cleanup, the function builds the child's environment through ten
 * independent options, and for an upgrade rewrites the body length while
 * the environment is built, leaving the sentinel -1 after. The cleanup
 * tests the body length again to know which descriptors it owns, and the
 * two tests agree on every path: without an upgrade the length is
 * unchanged, with one it ends as -1 and the pipe is closed. An analysis
 * that merges the many environment paths must not merge an upgrade path's
 * length into a plain one's: the cleanup is decided by it.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct req {
  long len;
  long saved_len;
  int upgrade, h2, chunked, keepalive;
  const char *preload, *libpath, *root, *user, *query, *cookie, *lang;
};

void env_add(char **env, int *n, const char *k, const char *v);

static int spawn(char **env, int in_fd, int out_fd) {
  char *argv[] = {"/usr/lib/cgi-bin/handler", NULL};
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    execve(argv[0], argv, env);
    _exit(127);
  }
  return 0;
}

int start_child(struct req *r, int out_fd) {
  int in_fds[2];
  char *env[32];
  int n = 0;
  in_fds[1] = -1;
  if (0 == r->len && !r->upgrade) {
    in_fds[0] = open("/dev/null", O_RDONLY);
    if (in_fds[0] < 0) return -1;
  } else if (pipe(in_fds) < 0) {
    return -1;
  }
  if (r->upgrade) {
    r->len = r->saved_len;
    if (r->len < 0) r->len = 0;
  }
  if (r->h2) env_add(env, &n, "SERVER_PROTOCOL", "HTTP/1.1");
  if (r->chunked) env_add(env, &n, "TRANSFER_ENCODING", "chunked");
  if (r->keepalive) env_add(env, &n, "CONNECTION", "keep-alive");
  if (r->preload) env_add(env, &n, "LD_PRELOAD", r->preload);
  if (r->libpath) env_add(env, &n, "LD_LIBRARY_PATH", r->libpath);
  if (r->root) env_add(env, &n, "DOCUMENT_ROOT", r->root);
  if (r->user) env_add(env, &n, "REMOTE_USER", r->user);
  if (r->query) env_add(env, &n, "QUERY_STRING", r->query);
  if (r->cookie) env_add(env, &n, "HTTP_COOKIE", r->cookie);
  if (r->lang) env_add(env, &n, "HTTP_ACCEPT_LANGUAGE", r->lang);
  if (r->upgrade) r->len = -1;
  env[n] = NULL;
  if (spawn(env, in_fds[0], out_fd) < 0) {
    if (0 == r->len) {
      close(in_fds[0]);
    } else if (-1 != in_fds[1]) {
      close(in_fds[0]);
      close(in_fds[1]);
    }
    return -1;
  }
  close(in_fds[0]);
  if (in_fds[1] != -1) close(in_fds[1]);
  return 0;
}
