/*
 * The same pool where a second caller passes a count read from a request
 * without checking it: zero can reach the helper, whose early return then
 * leaks its control descriptor. One leak, at open().
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

int pool_start(struct pool *p, int configured) {
  if (configured <= 0 || configured > 64) return -1;
  return pool_open(p, configured);
}

int pool_resize(struct pool *p, int requested) {
  return pool_open(p, requested);
}
