/*
 * A CGI-style spawner: a descriptor goes into the request's context
 * (h->fd), and a pid record is linked into the plugin's registry (p->pids),
 * where the reaper finds and frees it when the child exits. When a step
 * fails the function closes h->fd and returns -1: its convention is that
 * -1 leaves nothing in *h. The pid record stays linked into *p on the last
 * failure, and needs no undoing: what the function undoes in *h says
 * nothing about *p, and the registry owns the record whatever the
 * function returns.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

/* Aborts when out of memory: callers never see NULL. */
static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) abort();
  return p;
}

struct pid_rec {
  pid_t pid;
  struct pid_rec *next;
};

struct plugin {
  struct pid_rec *pids;
};

struct req_ctx {
  int fd;
  struct pid_rec *rec;
};

static struct pid_rec *pid_link(struct plugin *p, pid_t pid) {
  struct pid_rec *r = xmalloc(sizeof *r);
  r->pid = pid;
  r->next = p->pids;
  p->pids = r;
  return r;
}

int spawn_child(struct plugin *p, struct req_ctx *h, pid_t pid) {
  h->fd = open("/dev/null", O_RDONLY);
  if (h->fd < 0) return -1;
  if (fcntl(h->fd, F_SETFL, O_NONBLOCK) < 0) {
    close(h->fd);
    h->fd = -1;
    return -1;
  }
  h->rec = pid_link(p, pid);
  if (write(h->fd, "", 0) < 0) {
    close(h->fd);
    h->fd = -1;
    return -1;
  }
  return 0;
}
