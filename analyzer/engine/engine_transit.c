/*
 * engine_transit.c - states in transit: queued for one step, then freed.
 *
 * A block keeps the states that entered it so that an equal one is not
 * explored twice and, past a few, new ones are joined into old ones. That
 * only pays where paths meet. A block with a single way in (the two sides
 * of an `if`, the code after a test that returns) sees each state of its
 * predecessor once; the state it is queued with is needed only until that
 * block is explored. Keeping those in the function's arena, which is freed
 * only when the function is done, was three quarters of a long function's
 * memory (a `main` with hundreds of blocks and states of two hundred
 * cells). A transit state is one malloc'ed block instead, freed as soon as
 * its step ran; x->transit_bytes counts those alive for the memory budget.
 *
 * The states a join point keeps are malloc'ed the same way, and freed
 * when no state can reach that block any more (engine.c: block_close), so
 * a long function holds the states of the blocks around the exploration's
 * frontier, not of every block it went through.
 */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t transit_size(const State *s) {
  return sizeof(State) + sizeof(Slot) * (size_t)s->nslots + sizeof(Val) * (size_t)s->nvals +
         sizeof(Res) * (size_t)s->nres + sizeof(Cell) * (size_t)s->nexposed +
         sizeof(ParamEffect) * (size_t)s->npe + sizeof(Rel) * (size_t)s->nrels;
}

/* Every array is a multiple of 4 bytes; Val, Res and ParamEffect hold
   longs and pointers, so they go first to stay aligned. */
State *state_transit(Ctx *x, const State *s) {
  size_t size = transit_size(s);
  State *o = malloc(size);
  if (!o) {
    fputs("connlint: internal error: out of memory\n", stderr);
    exit(3);
  }
  *o = *s;
  o->dead = o->queued = false;
  char *p = (char *)(o + 1);
#define PUT(arr, n, T)                                                                             \
  do {                                                                                             \
    o->arr = (T *)(void *)p;                                                                       \
    if (n) memcpy(o->arr, s->arr, sizeof(T) * (size_t)(n));                                        \
    p += sizeof(T) * (size_t)(n);                                                                  \
  } while (0)
  PUT(vals, s->nvals, Val);
  PUT(res, s->nres, Res);
  PUT(pe, s->npe, ParamEffect);
  PUT(slots, s->nslots, Slot);
  PUT(exposed, s->nexposed, Cell);
  PUT(rels, s->nrels, Rel);
#undef PUT
  o->cap_slots = o->nslots;
  o->cap_vals = o->nvals;
  o->cap_res = o->nres;
  o->cap_exposed = o->nexposed;
  o->cap_pe = o->npe;
  o->cap_rels = o->nrels;
  x->transit_bytes += (long)size;
  return o;
}

void state_transit_free(Ctx *x, State *s) {
  x->transit_bytes -= (long)transit_size(s);
  free(s);
}
