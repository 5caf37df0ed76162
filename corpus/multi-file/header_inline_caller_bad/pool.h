/*
 * The worker pool's interface. pool_reset() is an inline helper in the
 * header: its call to pool_open(0) is code connlint does not lower, so it
 * must not be assumed away when pool_open()'s callers are joined.
 */
#ifndef POOL_H
#define POOL_H

int pool_open(int nworkers);

static inline int pool_reset(void) {
  return pool_open(0);
}

#endif
