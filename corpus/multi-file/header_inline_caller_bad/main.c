/*
 * The server starts the pool with four workers and resets it on SIGHUP
 * through the header's inline helper.
 */
#include "pool.h"

int main(int argc, char **argv) {
  (void)argv;
  if (pool_open(4) < 0) return 1;
  if (argc > 1) return pool_reset();
  return 0;
}
