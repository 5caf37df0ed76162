/*
 * startup.h - facts on global struct fields that main() settles before it
 * calls the functions using them (startup.c). Internal to the summary
 * stage: summary.c runs it after the bottom-up pass and hands the engine
 * each function's facts through the Callees oracle.
 */
#ifndef CONNLINT_STARTUP_H
#define CONNLINT_STARTUP_H

#include "engine.h"

/* One function of the program, as the pass sees it. */
typedef struct StartupFn {
  const Func *f;
  const Unit *u;
  bool closed;     /* every caller is in sight (the preconditions' rule) */
  const int *succ; /* the functions it may call (indices) */
  int nsucc;
  GlobalFact *facts; /* out: the fields' values on entry */
  int nfacts;
} StartupFn;

/* Fills fns[i].facts (allocated in out; the pass works in a) for the
   functions the mains (one per program the units hold) reach through
   callers that are all in sight.
   resolve(rctx, u, name) gives the index of the function a direct call
   from unit u names, or -1. */
typedef struct StartupMain {
  const Func *f;
  const Unit *u;
} StartupMain;

void startup_facts(Arena *a, Arena *out, StartupFn *fns, int n, const StartupMain *mains,
                   int nmains, int (*resolve)(void *, const Unit *, const char *), void *rctx);

#endif
