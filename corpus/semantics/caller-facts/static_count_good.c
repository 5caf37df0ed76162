/*
 * A worker pool opens one event descriptor per worker and keeps the
 * descriptors in a table; the helper returns -1 without closing anything
 * only when asked for zero workers. Its one caller never asks for zero
 * (it checks the configured count first), so that path is never taken and
 * the helper's own descriptor is always closed. No finding.
 */
#include <fcntl.h>
#include <unistd.h>

struct pool {
  int fds[64];
  int nworkers;
};

static int pool_open(struct pool *p, int nworkers) {
  int ctl = open("/dev/null", O_RDONLY);
  if (ctl < 0) return -1;
  if (nworkers == 0) return -1;
  for (int i = 0; i < nworkers && i < 64; i++)
    p->fds[i] = -1;
  p->nworkers = nworkers;
  close(ctl);
  return 0;
}

int pool_start(struct pool *p, int configured) {
  if (configured <= 0 || configured > 64) return -1;
  return pool_open(p, configured);
}
