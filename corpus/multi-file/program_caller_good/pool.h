/*
 * The worker pool's interface: one function, no inline helpers.
 */
#ifndef POOL_H
#define POOL_H

int pool_open(int nworkers);

#endif
