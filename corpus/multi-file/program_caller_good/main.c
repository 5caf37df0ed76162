/*
 * The server starts the pool with four workers, or eight when asked to.
 */
#include "pool.h"

int main(int argc, char **argv) {
  (void)argv;
  return pool_open(argc > 1 ? 8 : 4) < 0;
}
