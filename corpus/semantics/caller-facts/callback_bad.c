/*
 * The pool helper is also registered as a callback in an operations
 * table, so callers the analysis cannot see may pass any count, zero
 * included: the checked direct call proves nothing, and the early return
 * for zero leaks the control descriptor. One leak, at open().
 */
#include <fcntl.h>
#include <unistd.h>

struct pool {
  int fds[64];
  int nworkers;
};

static int pool_open(struct pool *p, int nworkers) {
  int ctl = open("/dev/null", O_RDONLY); // expect: connlint-fd-leak
  if (ctl < 0) return -1;
  if (nworkers == 0) return -1;
  for (int i = 0; i < nworkers && i < 64; i++)
    p->fds[i] = -1;
  p->nworkers = nworkers;
  close(ctl);
  return 0;
}

struct pool_ops {
  int (*open)(struct pool *, int);
};

const struct pool_ops default_pool_ops = {pool_open};

int pool_start(struct pool *p, int configured) {
  if (configured <= 0 || configured > 64) return -1;
  return pool_open(p, configured);
}
