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
 *
 * A summary's states also carry what the path did to the parameters, and
 * a long function's states carry the same list over and over: a settings
 * parser whose every option frees and replaces one field of the caller's
 * struct joins into states that each say "frees config->x on some paths"
 * for seventy fields. Those lists are kept once per function (pe_intern),
 * and states and path summaries point to the shared copy, which nothing
 * writes: a state is cloned before it is run.
 */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t transit_size(const State *s) {
  return sizeof(State) + sizeof(Slot) * (size_t)s->nslots + sizeof(Val) * (size_t)s->nvals +
         sizeof(Res) * (size_t)s->nres + sizeof(Cell) * (size_t)s->nexposed +
         sizeof(Rel) * (size_t)s->nrels;
}

typedef struct PeList {
  ParamEffect *pe;
  int n;
} PeList;

static bool pe_list_eq(const void *pa, const void *pb) {
  const PeList *a = pa, *b = pb;
  if (a->n != b->n) return false;
  for (int i = 0; i < a->n; i++) {
    const ParamEffect *e = &a->pe[i], *f = &b->pe[i];
    if (e->origin != f->origin || e->what != f->what || e->family != f->family ||
        e->kind != f->kind || e->rule != f->rule || e->acq != f->acq ||
        e->cond_val != f->cond_val || e->cond_op != f->cond_op || e->cond_c != f->cond_c ||
        e->cond_on_self != f->cond_on_self || e->some_paths != f->some_paths)
      return false;
  }
  return true;
}

/* Lists are kept in one order so that the same effects, added in
   another order on another path, are one list: by origin (in the order
   the function met them), kind of effect, family and acquiring call, which
   together tell any two effects of a state apart; their place in the
   state's list breaks what ties remain (two calls on one line). */
typedef struct Ranked {
  ParamEffect e;
  int at;
} Ranked;

static int ranked_cmp(const void *pa, const void *pb) {
  const Ranked *a = pa, *b = pb;
  const ParamEffect *e = &a->e, *f = &b->e;
  if (e->origin->id != f->origin->id) return e->origin->id < f->origin->id ? -1 : 1;
  if (e->what != f->what) return e->what < f->what ? -1 : 1;
  if (e->family != f->family) {
    if (!e->family || !f->family) return e->family ? 1 : -1;
    int c = strcmp(e->family, f->family);
    if (c) return c;
  }
  if (e->acq != f->acq) {
    if (!e->acq || !f->acq) return e->acq ? 1 : -1;
    if (e->acq->loc.line != f->acq->loc.line) return e->acq->loc.line < f->acq->loc.line ? -1 : 1;
    if (e->acq->loc.col != f->acq->loc.col) return e->acq->loc.col < f->acq->loc.col ? -1 : 1;
  }
  return a->at < b->at ? -1 : a->at > b->at;
}

ParamEffect *pe_intern(Ctx *x, const ParamEffect *list, int n) {
  if (n == 0) return NULL;
  Ranked *r = ARENA_ARRAY(&x->a, Ranked, n);
  for (int i = 0; i < n; i++)
    r[i] = (Ranked){list[i], i};
  qsort(r, (size_t)n, sizeof(Ranked), ranked_cmp);
  ParamEffect *pe = ARENA_ARRAY(&x->a, ParamEffect, n);
  for (int i = 0; i < n; i++)
    pe[i] = r[i].e;
  uint64_t h = 0xcbf29ce484222325u ^ (uint64_t)n;
  for (int i = 0; i < n; i++) {
    h = (h ^ (uint64_t)(uintptr_t)pe[i].origin) * 0x100000001b3u;
    h = (h ^ (uint64_t)(uintptr_t)pe[i].acq ^ (uint64_t)pe[i].what << 56) * 0x100000001b3u;
    h = (h ^ (uint64_t)(uintptr_t)pe[i].family ^ (uint64_t)(uint32_t)pe[i].cond_val) *
        0x100000001b3u;
  }
  unsigned hash = (unsigned)(h ^ (h >> 32));
  PeList key = {pe, n};
  PeList *found = map_get(&x->pe_pool, hash, &key, pe_list_eq);
  if (found) return found->pe;
  ParamEffect *copy = ARENA_ARRAY(&x->keep, ParamEffect, n);
  memcpy(copy, pe, sizeof(ParamEffect) * (size_t)n);
  PeList *l = ARENA_NEW(&x->keep, PeList);
  *l = (PeList){copy, n};
  map_put(&x->keep, &x->pe_pool, hash, l, l, pe_list_eq);
  return copy;
}

/* Every array is a multiple of 4 bytes; Val and Res hold longs and
   pointers, so they go first to stay aligned. */
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
  PUT(slots, s->nslots, Slot);
  PUT(exposed, s->nexposed, Cell);
  PUT(rels, s->nrels, Rel);
#undef PUT
  o->cap_slots = o->nslots;
  o->cap_vals = o->nvals;
  o->cap_res = o->nres;
  o->cap_exposed = o->nexposed;
  o->pe = pe_intern(x, s->pe, s->npe);
  o->cap_pe = o->npe;
  o->cap_rels = o->nrels;
  x->transit_bytes += (long)size;
  return o;
}

void state_transit_free(Ctx *x, State *s) {
  x->transit_bytes -= (long)transit_size(s);
  free(s);
}
