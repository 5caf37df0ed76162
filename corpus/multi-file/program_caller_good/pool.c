/*
 * pool_open() opens a control descriptor and returns early, leaking it,
 * when asked for zero workers. The program (main.c defines main) is the
 * whole of its callers, and none passes zero: that return is never taken.
 * No finding.
 */
#include <fcntl.h>
#include <unistd.h>

#include "pool.h"

int pool_open(int nworkers) {
  int ctl = open("/dev/null", O_RDONLY);
  if (ctl < 0) return -1;
  if (nworkers == 0) return -1;
  close(ctl);
  return 0;
}
