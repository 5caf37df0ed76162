/*
 * pool_open() opens a control descriptor and returns early, leaking it,
 * when asked for zero workers. main() only passes 4 directly, but it also
 * calls pool_reset(), the header's inline helper, which passes 0: the leak
 * is reachable. One leak, at open().
 */
#include <fcntl.h>
#include <unistd.h>

#include "pool.h"

int pool_open(int nworkers) {
  int ctl = open("/dev/null", O_RDONLY); // expect: connlint-fd-leak
  if (ctl < 0) return -1;
  if (nworkers == 0) return -1;
  close(ctl);
  return 0;
}
