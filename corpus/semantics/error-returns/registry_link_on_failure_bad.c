/*
 * The same spawner, but its last failure returns -1 without closing h->fd.
 * By the function's own convention (its earlier failure closes h->fd and
 * returns -1) a caller that sees -1 takes nothing from *h, so the
 * descriptor leaks there. The record linked into the registry (p->pids)
 * on the way does not change what the function promises about *h.
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
  h->fd = open("/dev/null", O_RDONLY); // expect: connlint-fd-leak
  if (h->fd < 0) return -1;
  if (fcntl(h->fd, F_SETFL, O_NONBLOCK) < 0) {
    close(h->fd);
    h->fd = -1;
    return -1;
  }
  h->rec = pid_link(p, pid);
  if (write(h->fd, "", 0) < 0) return -1;
  return 0;
}
