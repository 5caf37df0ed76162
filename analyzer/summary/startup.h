/*
 * startup.h - facts on global struct fields that main() settles before it
 * calls the functions using them (startup.c). Internal to the summary
 * stage: summary_facts.c runs it after the bottom-up pass and hands the engine
 * each function's facts through the Callees oracle.
 */
#ifndef CONNLINT_STARTUP_H
#define CONNLINT_STARTUP_H

#include "engine.h"

#include <stdint.h>

/* What the pass reads of a function besides its code (startup_profile):
   the field names it writes (`x.f = `, `p->f = `, `&...f` handed on), the
   functions it calls (directly or through a pointer, without the ones the
   rules know) and the functions it hands to calls. A function taken from
   the cache keeps these, so the pass runs over it without its IR. */
typedef struct StartupProfile {
  Vec writes, calls, args; /* const char * */
} StartupProfile;

void startup_profile(const Func *f, const RuleSet *rs, Arena *a, StartupProfile *out);

/* A digest of everything of f's code the pass may read (statements,
   branches, paths, constants; not locations): the code of a main, or of a
   function whose effect the pass follows, counts as unchanged while it is
   the same. */
uint64_t startup_fingerprint(const Func *f);

/* The last field names of the global fields main reads or assigns (the
   pass's keys), each once, onto out (const char *). */
void startup_key_fields(const Func *main, Arena *a, Vec *out);

/* One function of the program, as the pass sees it. */
typedef struct StartupFn {
  const Func *f; /* NULL: not parsed (then never main, nor run for its effect) */
  const Unit *u;
  const StartupProfile *profile;
  bool closed;     /* every caller is in sight (the preconditions' rule) */
  const int *succ; /* the functions it may call (indices) */
  int nsucc;
  GlobalFact *facts; /* out: the fields' values on entry */
  int nfacts;
} StartupFn;

/* Fills fns[i].facts (allocated in out; the pass works in a) for the
   functions the mains (one per program the units hold) reach through
   callers that are all in sight. The mains, and every function whose
   effect the pass follows (startup_effect_set), need their IR.
   resolve(rctx, u, name) gives the index of the function a direct call
   from unit u names, or -1. */
typedef struct StartupMain {
  const Func *f;
  const Unit *u;
} StartupMain;

void startup_facts(Arena *a, Arena *out, StartupFn *fns, int n, const StartupMain *mains,
                   int nmains, int (*resolve)(void *, const Unit *, const char *), void *rctx);

/* Marks need[i] for each function whose effect the pass may follow, given
   the key field names of every main (keys) and which functions are mains
   (is_main, also marked): those reached from a main through functions that
   write a key field, themselves or through what they call. A superset of
   what startup_facts runs, for knowing whose IR it needs. */
void startup_effect_set(const StartupFn *fns, int n, const bool *is_main, const Vec *keys, Arena *a,
                        bool *need);

#endif
