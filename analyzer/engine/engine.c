/*
 * engine.c - the path-sensitive exploration of one function.
 *
 * A worklist of (block, state) pairs, taken in reverse postorder so that
 * the paths reaching a join point mostly arrive before it is explored.
 * Each block remembers the canonical states that entered it; a state equal
 * to one already seen is dropped, and a block that has seen many states
 * starts joining new ones into one with the same resources and holders
 * (cells known on one side only forgotten, facts widened), so loops
 * converge and the exploration stays bounded. A per-function budget of
 * states and seconds stops the rest with a note.
 *
 * Path ends are where leaks are decided: at a return, every resource still
 * owned and not known to have failed is a leak (or a lock held), reported
 * once per acquisition site with every return that leaks it.
 */
#include "engine_int.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum {
  AGREE_CAP = 8,  /* states per block before joining those whose resources agree */
  GUARD_CAP = 16, /* ... before joining those that disagree on a release's guard */
  SOFT_CAP = 24,  /* states per block before joining */
  HARD_CAP = 96,  /* ... before dropping (at the default budget; more with --max-states) */
  UNROLL = 16,    /* iterations of a counted loop followed one by one */
  DEFAULT_STATES = 20000,
  BUDGET_BLOCKS = 600, /* blocks a function may have for the budget as given */
};

void engine_default_options(EngineOptions *o) {
  o->report_exit_paths = false;
  o->max_states = DEFAULT_STATES;
  o->max_seconds = 10.0;
  o->max_bytes = 64L << 20;
}

/* ---- Worklist ------------------------------------------------------------- */

typedef struct Item {
  State *s;
  const Block *b;
  int si; /* first statement to run (> 0 after a split inside the block) */
  int order;
  long seq;
  bool transit; /* s is a transit state, freed once explored */
} Item;

typedef struct Work {
  Item *heap;
  int n, cap;
  int *order;  /* reverse postorder index per block id */
  Vec *states; /* per block: canonical states seen at its entry */
  int *npreds; /* per block: edges entering it */
  int *passes; /* per block: transit states it was sent */
  /* Closing blocks: once the worklist's least order is past close_at[b],
     no state can reach b again and its states are freed. by_close: the
     blocks in increasing close_at, nclosed of them closed. */
  int *close_at;
  int *by_close;
  int nclosed;
  long seq;
} Work;

static bool item_less(const Item *a, const Item *b) {
  return a->order != b->order ? a->order < b->order : a->seq < b->seq;
}

static void enqueue_item(Ctx *x, Work *w, State *s, const Block *b, int si, bool transit) {
  if (w->n == w->cap) {
    int cap = w->cap ? w->cap * 2 : 64;
    Item *h = ARENA_ARRAY(&x->keep, Item, cap);
    if (w->n) memcpy(h, w->heap, sizeof(Item) * (size_t)w->n);
    w->heap = h;
    w->cap = cap;
  }
  int i = w->n++;
  s->queued = true;
  w->heap[i] = (Item){s, b, si, w->order[b->id], w->seq++, transit};
  while (i > 0 && item_less(&w->heap[i], &w->heap[(i - 1) / 2])) {
    Item t = w->heap[i];
    w->heap[i] = w->heap[(i - 1) / 2];
    w->heap[(i - 1) / 2] = t;
    i = (i - 1) / 2;
  }
}

static void enqueue(Ctx *x, Work *w, State *s, const Block *b, int si) {
  enqueue_item(x, w, s, b, si, false);
}

static Item dequeue(Work *w) {
  Item top = w->heap[0];
  w->heap[0] = w->heap[--w->n];
  for (int i = 0;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < w->n && item_less(&w->heap[l], &w->heap[m])) m = l;
    if (r < w->n && item_less(&w->heap[r], &w->heap[m])) m = r;
    if (m == i) break;
    Item t = w->heap[i];
    w->heap[i] = w->heap[m];
    w->heap[m] = t;
    i = m;
  }
  return top;
}

static void compute_order(Ctx *x, Work *w) {
  const Func *f = x->f;
  int nb = f->nblocks;
  w->order = ARENA_ARRAY(&x->keep, int, nb);
  int *post = ARENA_ARRAY(&x->keep, int, nb);
  int *stack = ARENA_ARRAY(&x->keep, int, nb);
  int *next = ARENA_ARRAY(&x->keep, int, nb);
  bool *seen = ARENA_ARRAY(&x->keep, bool, nb);
  int np = 0, sp = 0;
  if (nb) {
    stack[sp++] = 0;
    seen[0] = true;
  }
  while (sp) {
    const Block *b = f->blocks[stack[sp - 1]];
    if (next[b->id] < b->term.nsucc) {
      const Block *s = b->term.succ[next[b->id]++];
      if (!seen[s->id]) {
        seen[s->id] = true;
        stack[sp++] = s->id;
      }
    } else {
      post[np++] = b->id;
      sp--;
    }
  }
  w->npreds = ARENA_ARRAY(&x->keep, int, nb);
  w->passes = ARENA_ARRAY(&x->keep, int, nb);
  for (int i = 0; i < nb; i++)
    for (int k = 0; k < f->blocks[i]->term.nsucc; k++)
      w->npreds[f->blocks[i]->term.succ[k]->id]++;
  for (int i = 0; i < nb; i++)
    w->order[i] = nb; /* unreachable */
  for (int i = 0; i < np; i++)
    w->order[post[i]] = np - 1 - i;
}

/* The counter of a small counted loop (`for (i = 0; i < 2; i++)`): the
   value a loop head's test compares with a constant, when it is a
   constant the loop computed at most UNROLL from that bound. Only values
   near the bound are kept, so the head sees finitely many and the loop
   still converges. -1: none. */
static int small_counter(Ctx *x, State *s, const Block *head) {
  const Term *t = &head->term;
  if (t->kind != TERM_BRANCH || !t->lhs || !t->rhs || t->nsucc < 2) return -1;
  const Expr *side[2] = {t->lhs, t->rhs};
  for (int i = 0; i < 2; i++) {
    Cell c;
    long k, bound;
    if (side[i]->kind != EXPR_PATH || !cell_of_path(x, s, side[i]->path, &c)) continue;
    int j = slot_find(s, c);
    if (j < 0) continue;
    int v = s->slots[j].val;
    if (s->vals[v].stepped && val_is_const(&s->vals[v], &k) &&
        expr_const_value(x, s, side[1 - i], &bound) && bound - k <= UNROLL && k - bound <= UNROLL)
      return v;
  }
  return -1;
}

/* A state coming round a loop to its head. The constants the loop computed
   (`n + 1`) would grow forever, so they become unknown, and so do values
   derived from one the loop has moved past (`i = i + 1` on an unknown i);
   all but a small loop's counter, so that each of its
   iterations is followed on its own and `fds[i]` names one element at a
   time. */
static const State *widen_at_head(Ctx *x, const State *src, const Block *b) {
  bool any = false;
  for (int i = 0; i < src->nslots && !any; i++)
    any = src->vals[src->slots[i].val].stepped || arith_stepped(src, src->slots[i].val);
  if (!any) return src;
  State *s = state_clone(x, src);
  int keep = small_counter(x, s, b);
  /* The counter an upward loop tests (`i < n`, `i != n`) keeps what it
     counted to as a lower bound: turns below it were followed already. */
  const Term *t = &b->term;
  const Var *up = t->kind == TERM_BRANCH && t->lhs && t->lhs->kind == EXPR_PATH &&
                          t->lhs->path->kind == PATH_VAR &&
                          (t->cmp == CMP_LT || t->cmp == CMP_LE || t->cmp == CMP_NE)
                      ? t->lhs->path->var
                      : NULL;
  for (int i = 0; i < s->nslots; i++) {
    int v = s->slots[i].val;
    if (v == keep || !(s->vals[v].stepped || arith_stepped(s, v))) continue;
    int fresh = val_new(x, s);
    long k;
    if (up && s->slots[i].cell.root == up->id && s->slots[i].cell.chain == 0 &&
        val_is_const(&s->vals[v], &k)) {
      s->vals[fresh].lo = k;
      s->vals[fresh].counted = true;
    }
    for (int j = i; j < s->nslots; j++)
      if (s->slots[j].val == v) s->slots[j].val = fresh;
  }
  return s;
}

/* A state reaching block b from block `from` (NULL: within b): explored
   unless an equal (or, past the soft cap, a more general) one already was. */
static void push_block(Ctx *x, Work *w, const State *s, const Block *from, const Block *b) {
  if (from && w->order[from->id] >= w->order[b->id]) s = widen_at_head(x, s, b);
  State *c = state_canon(x, s, b);
  /* A block with one way in sees each of its predecessor's states once:
     they go through in transit, not kept, unless the block is entered
     more often than a join point keeps states before joining (inside a
     loop, say), when it keeps them as any block does. */
  if (b->id != 0 && w->npreds[b->id] == 1 && w->passes[b->id] < AGREE_CAP) {
    w->passes[b->id]++;
    enqueue_item(x, w, state_transit(x, c), b, 0, true);
    return;
  }
  Vec *set = &w->states[b->id];
  int live = 0;
  for (int i = 0; i < set->len; i++) {
    State *e = set->data[i];
    if (e->dead) continue;
    live++;
    if (state_equal(e, c)) return;
  }
  /* A block that branches many ways (a switch over a program's options)
     sends each state it keeps down every one of them: there, states whose
     resources agree are joined from the second on. */
  int agree_cap = b->term.nsucc > AGREE_CAP ? 1 : AGREE_CAP;
  if (live >= agree_cap) {
    /* Past a few states, one whose resources agree with a seen one is
       joined into it: the paths differ only in facts no resource depends
       on, and enumerating them is what makes long functions (a getopt
       loop filling a settings struct) run out of budget. A partner that
       also agrees on the values deciding a release comes first; past the
       soft cap, any partner will do; at the hard cap, one whose resources
       differ, each side forgetting what the other lacks, rather than
       dropping the path (a loop whose turns each may fill another field
       of a record never runs out of new combinations). */
    for (int pass = 0; pass < 4; pass++) {
      if ((pass == 1 && live < GUARD_CAP) || (pass == 2 && live < SOFT_CAP) ||
          (pass == 3 && live < x->hard_cap))
        continue;
      for (int i = 0; i < set->len; i++) {
        State *e = set->data[i];
        if (e->dead) continue;
        if (pass < 2 && !state_res_agree(e, c)) continue;
        if (pass == 0 && !guards_agree(x, e, c)) continue;
        State *j = pass < 3 ? state_join(x, e, c) : state_join_forgetting(x, e, c, b);
        if (!j) continue;
        if (state_equal(j, e)) return;
        e->dead = true;
        if (!e->queued) state_transit_free(x, e);
        j = state_transit(x, j);
        set->data[i] = j;
        enqueue(x, w, j, b, 0);
        return;
      }
    }
    if (live >= x->hard_cap) {
      x->dropped++;
      return;
    }
  }
  c = state_transit(x, c);
  vec_push(&x->keep, set, c);
  enqueue(x, w, c, b, 0);
}

/* The order past which no state can reach block b again: b's own, raised
   to the source of every back edge that can lead back to b or before it,
   until none can. */
static void close_order(Ctx *x, Work *w) {
  const Func *f = x->f;
  int nb = f->nblocks, nback = 0;
  typedef struct {
    int head, source; /* orders */
  } Back;
  for (int i = 0; i < nb; i++)
    for (int k = 0; k < f->blocks[i]->term.nsucc; k++)
      nback += w->order[f->blocks[i]->term.succ[k]->id] <= w->order[i];
  Back *back = ARENA_ARRAY(&x->a, Back, nback + 1);
  nback = 0;
  for (int i = 0; i < nb; i++)
    for (int k = 0; k < f->blocks[i]->term.nsucc; k++) {
      int h = w->order[f->blocks[i]->term.succ[k]->id];
      if (h <= w->order[i]) {
        back[nback++] = (Back){h, w->order[i]};
      }
    }
  w->close_at = ARENA_ARRAY(&x->keep, int, nb);
  w->by_close = ARENA_ARRAY(&x->keep, int, nb);
  for (int i = 0; i < nb; i++) {
    int c = w->order[i];
    for (bool more = true; more;) {
      more = false;
      for (int k = 0; k < nback; k++)
        if (back[k].head <= c && back[k].source > c) {
          c = back[k].source;
          more = true;
        }
    }
    w->close_at[i] = c;
    int j = i;
    while (j > 0 && w->close_at[w->by_close[j - 1]] > c) {
      w->by_close[j] = w->by_close[j - 1];
      j--;
    }
    w->by_close[j] = i;
  }
}

static void block_free_states(Ctx *x, Vec *set) {
  for (int i = 0; i < set->len; i++)
    if (!((State *)set->data[i])->queued) state_transit_free(x, set->data[i]);
  set->len = 0;
}

/* Frees the states of every block no state can reach any more, now that
   the worklist's least order is `order`. */
static void blocks_close(Ctx *x, Work *w, int order) {
  while (w->nclosed < x->f->nblocks && w->close_at[w->by_close[w->nclosed]] < order)
    block_free_states(x, &w->states[w->by_close[w->nclosed++]]);
}

/* ---- Path ends --------------------------------------------------------------- */

static void leak_check(Ctx *x, State *s, Loc point) {
  for (int i = 0; i < s->nres; i++) {
    const Res *r = &s->res[i];
    /* A lock the function was entered holding and took again goes back to
       the caller as it came. */
    if (r->status == RS_OWNED && !r->relock && !r->linked && res_may_succeed(s, r))
      report_leak(x, s, r, point, s->trace);
  }
}

static void note_return(Ctx *x, Loc loc) {
  for (int i = 0; i < x->return_locs.len; i++) {
    const Loc *l = x->return_locs.data[i];
    if (l->line == loc.line && l->col == loc.col) return;
  }
  Loc *l = ARENA_NEW(&x->keep, Loc);
  *l = loc;
  vec_push(&x->keep, &x->return_locs, l);
  x->nreturns_reached = x->return_locs.len;
}

/* Summaries: what this returning path did, seen from the caller. First
   what it returns (before the return's escapes drop the resource)... */
static PathSummary *record_return(Ctx *x, State *s, int v, Loc loc) {
  PathSummary *p = ARENA_NEW(&x->keep, PathSummary);
  p->loc = loc;
  if (v >= 0) {
    p->has_value = true;
    p->ret = s->vals[v];
    int r = res_of_val(s, v);
    if (r >= 0 && s->res[r].status == RS_OWNED && !s->res[r].kind->scoped &&
        res_may_succeed(s, &s->res[r])) {
      Res *copy = ARENA_NEW(&x->keep, Res);
      *copy = s->res[r];
      p->ret_res = copy;
      p->ret_may_fail = res_may_fail(s, copy);
      p->ret_cond_is_ret = copy->cond_val == v;
    } else {
      p->ret_origin = s->vals[v].origin;
    }
  }
  return p;
}

/* ... then what it did to parameters, including what the returned value
   carries away with it. */
static void record_effects(Ctx *x, State *s, PathSummary *p, int v) {
  ParamEffect *pe = ARENA_ARRAY(&x->a, ParamEffect, s->npe + 1);
  int npe = 0, nacqs = 0;
  for (int i = 0; i < s->npe; i++)
    nacqs += s->pe[i].what == PE_OUT_ACQ;
  for (int i = 0; i < s->nres; i++)
    nacqs += s->res[i].kind->scoped;
  p->acqs = ARENA_ARRAY(&x->keep, PathAcq, nacqs + 1);
  for (int i = 0; i < s->npe; i++) {
    const ParamEffect *e = &s->pe[i];
    if (e->what == PE_MOVED) {
      if (e->cond_val < 0 || val_may(&s->vals[e->cond_val], e->cond_op, e->cond_c)) {
        ParamEffect *copy = ARENA_NEW(&x->keep, ParamEffect);
        *copy = *e;
        vec_push(&x->keep, &p->moved, copy);
      }
      continue;
    }
    if (e->what != PE_OUT_ACQ) {
      pe[npe++] = *e;
      continue;
    }
    PathAcq *a = &p->acqs[p->nacqs++];
    *a = (PathAcq){e->origin, e->kind,         e->rule,    e->acq,    true,         false,
                   false,     e->cond_on_self, e->cond_op, e->cond_c, e->some_paths};
    if (e->cond_val >= 0) {
      a->may_succeed = val_may(&s->vals[e->cond_val], e->cond_op, e->cond_c);
      a->may_fail = val_may(&s->vals[e->cond_val], cmp_negate(e->cond_op), e->cond_c);
      a->cond_is_ret = e->cond_val == v;
    }
  }
  /* Many returns of a long function share the list (engine_transit.c). */
  p->pe = pe_intern(x, pe, npe);
  p->npe = npe;
  for (int i = 0; i < s->nres; i++) {
    const Res *r = &s->res[i];
    if (!r->kind->scoped || r->status != RS_OWNED || !res_may_succeed(s, r)) continue;
    const Origin *o = origin_of_cell(x, s, r->lock);
    if (!o) continue;
    p->acqs[p->nacqs++] = (PathAcq){
        o,     r->kind,    r->rule,   r->acq, true, res_may_fail(s, r), r->cond_val == v && v >= 0,
        false, r->cond_op, r->cond_c, false};
  }
  /* What the path left in the memory its pointer parameters point to. */
  for (int i = 0; i < s->nvals; i++) {
    const Origin *g = s->vals[i].origin;
    Cell c;
    if (!g || g->nsteps != 0 || g->arg < 0 || g->arg >= 32 || !cell_deref(x, s, i, &c)) continue;
    int k = slot_find(s, c);
    if (k < 0) continue;
    if (val_nonzero(&s->vals[s->slots[k].val])) p->nonzero |= 1u << g->arg;
  }
  /* Only values something was learnt about: one that may be anything tells
     the fold no more than no record, and a long function's every return
     would otherwise copy each parameter field it read. */
  int nf = 0;
  for (int i = 0; i < s->nvals; i++)
    nf += s->vals[i].origin && val_has_facts(&s->vals[i]);
  p->facts = ARENA_ARRAY(&x->keep, OriginFact, nf + 1);
  for (int i = 0; i < s->nvals; i++)
    if (s->vals[i].origin && val_has_facts(&s->vals[i]))
      p->facts[p->nfacts++] = (OriginFact){s->vals[i].origin, s->vals[i]};
  vec_push(&x->keep, &x->path_sums, p);
}

static bool val_facts_eq(const Val *a, const Val *b) {
  if (a->lo != b->lo || a->hi != b->hi || a->nne != b->nne) return false;
  for (int i = 0; i < a->nne; i++)
    if (a->ne[i] != b->ne[i]) return false;
  return true;
}

static bool outcome_eq(const void *pa, const void *pb) {
  const ReturnOutcome *a = pa, *b = pb;
  if (a->loc.line != b->loc.line || a->loc.col != b->loc.col || a->has_value != b->has_value ||
      a->nheld != b->nheld || a->nparams != b->nparams ||
      (a->has_value && !val_facts_eq(&a->ret, &b->ret)))
    return false;
  for (int i = 0; i < a->nheld; i++) {
    bool found = false;
    for (int k = 0; k < b->nheld && !found; k++)
      found = a->held[i] == b->held[k];
    if (!found) return false;
  }
  for (int i = 0; i < a->nparams; i++)
    if (!val_facts_eq(&a->params[i], &b->params[i])) return false;
  return true;
}

static unsigned outcome_hash(const ReturnOutcome *o) {
  uint64_t h = 0x84222325cbf29ce4u ^ (uint64_t)o->has_value ^ (uint64_t)o->loc.line << 8;
  for (int i = 0; i < o->nheld; i++)
    h += (uint64_t)(uintptr_t)o->held[i] * 0x9e3779b97f4a7c15u; /* order does not matter */
  for (int i = o->has_value ? -1 : 0; i < o->nparams; i++) {
    const Val *v = i < 0 ? &o->ret : &o->params[i];
    h = (h ^ (uint64_t)v->lo) * 0x100000001b3u;
    h = (h ^ (uint64_t)v->hi) * 0x100000001b3u;
  }
  return (unsigned)(h ^ (h >> 32));
}

/* What this path returned and which locks it left held, so a lock held
   on some returns can be told from a lock protocol (engine_trace.c). Only
   for findings, only where locks are taken, and each distinct outcome
   once. */
static void note_outcome(Ctx *x, const State *s, int v, Loc loc) {
  if (!x->out || !x->takes_locks) return;
  ReturnOutcome t = {0};
  t.loc = loc;
  for (int i = 0; i < s->nres; i++)
    t.nheld +=
        s->res[i].kind->scoped && s->res[i].status == RS_OWNED && res_may_succeed(s, &s->res[i]);
  t.held = ARENA_ARRAY(&x->a, const Stmt *, t.nheld + 1);
  t.nheld = 0;
  for (int i = 0; i < s->nres; i++)
    if (s->res[i].kind->scoped && s->res[i].status == RS_OWNED && res_may_succeed(s, &s->res[i]))
      t.held[t.nheld++] = s->res[i].acq;
  if (v >= 0) {
    t.has_value = true;
    t.ret = s->vals[v];
  }
  /* The arguments as passed (values read from a parameter before any
     write to it), which the caller knows too. */
  t.nparams = x->f->nparams;
  t.params = ARENA_ARRAY(&x->a, Val, t.nparams + 1);
  for (int i = 0; i < t.nparams; i++)
    val_set_top(&t.params[i]);
  for (int i = 0; i < s->nvals; i++) {
    const Origin *g = s->vals[i].origin;
    if (g && g->nsteps == 0 && g->arg >= 0 && g->arg < t.nparams) t.params[g->arg] = s->vals[i];
  }
  unsigned h = outcome_hash(&t);
  if (map_get(&x->outcome_set, h, &t, outcome_eq)) return;
  ReturnOutcome *o = ARENA_NEW(&x->keep, ReturnOutcome);
  *o = t;
  o->held = ARENA_ARRAY(&x->keep, const Stmt *, t.nheld + 1);
  if (t.nheld) memcpy(o->held, t.held, sizeof(const Stmt *) * (size_t)t.nheld);
  o->params = ARENA_ARRAY(&x->keep, Val, t.nparams + 1);
  if (t.nparams) memcpy(o->params, t.params, sizeof(Val) * (size_t)t.nparams);
  map_put(&x->keep, &x->outcome_set, h, o, o, outcome_eq);
  vec_push(&x->keep, &x->outcomes, o);
}

static void end_return(Ctx *x, State *s, const Block *b) {
  const Term *t = &b->term;
  fix_observe(x, s, b);
  int v = t->value ? eval_expr(x, s, t->value) : -1;
  note_return(x, t->loc);
  note_outcome(x, s, v, t->loc);
  PathSummary *p = x->summary_mode ? record_return(x, s, v, t->loc) : NULL;
  if (v >= 0) {
    /* What is returned is the caller's now, and so is what it contains. */
    escape_value(x, s, v);
    Cell c;
    if (t->value->kind == EXPR_PATH && cell_of_path(x, s, t->value->path, &c))
      escape_cell_contents(x, s, c);
  }
  if (p) record_effects(x, s, p, v);
  /* Returning from main() ends the process, like exit(). */
  if (strcmp(x->f->name, "main") == 0 && !x->o->report_exit_paths) return;
  Trace *e = trace_push(x, s->trace, EV_END, t->loc);
  e->block = b;
  s->trace = e;
  leak_check(x, s, t->loc);
  handed_check(x, s, v, t->loc);
}

static void end_noreturn(Ctx *x, State *s, const Block *b, const Stmt *call) {
  if (!x->o->report_exit_paths) return;
  Loc loc = call ? call->loc : b->term.loc;
  Trace *e = trace_push(x, s->trace, EV_END, loc);
  e->block = b;
  e->stmt = call;
  s->trace = e;
  leak_check(x, s, loc);
}

/* ---- Statements and terminators ------------------------------------------- */

static void do_assign(Ctx *x, State *s, const Block *b, int si) {
  const Stmt *st = b->stmts[si];
  Cell c, src;
  if (!st->lhs) return;
  if (!cell_of_path(x, s, st->lhs, &c)) {
    /* An element at an unknown index: we lose track, so it escapes, and so
       does everything held in a struct copied there whole
       (`table[i] = tmp` with tmp.argv owned). */
    const Expr *e = st->rhs;
    if (e && e->kind == EXPR_PATH && cell_of_path(x, s, e->path, &src)) {
      Slot *kids = NULL;
      int nkids = cells_below(x, s, src, &kids);
      for (int k = 0; k < nkids; k++)
        escape_value(x, s, kids[k].val);
    }
    escape_value(x, s, eval_expr(x, s, st->rhs));
    return;
  }
  int v;
  Slot *kids = NULL;
  int nkids = 0;
  const Expr *e = st->rhs;
  bool record = e && e->kind == EXPR_PATH &&
                !(e->path->kind == PATH_VAR && e->path->var->type == TY_ARRAY) &&
                cell_of_path(x, s, e->path, &src);
  if (record) {
    v = read_cell(x, s, src);
    note_unsigned_read(x, s, e, v);
    nkids = cells_below(x, s, src, &kids);
  } else {
    v = eval_expr(x, s, e);
    /* Arithmetic stored as an integer (`len = end - p`, `off = p - buf + 1`)
       is a number, not a pointer into p's object. */
    if (e && e->kind == EXPR_OP && st->lhs->kind == PATH_VAR && st->lhs->var->type == TY_INT)
      s->vals[v].base = -1;
  }
  int i = slot_find(s, c);
  if (i < 0 || s->slots[i].val != v) check_overwrite(x, s, c, st->lhs, b, si);
  write_cell(x, s, c, v);
  if (nkids) cells_put_below(x, s, c, src, kids, nkids);
}

static void push_event(Ctx *x, State *s, EvKind ev, const Block *b, int n) {
  Trace *t = trace_push(x, s->trace, ev, b->term.loc);
  t->block = b;
  t->n = n;
  s->trace = t;
}

static void do_branch(Ctx *x, Work *w, State *s, const Block *b) {
  const Term *t = &b->term;
  if (t->nsucc < 2 || t->succ[0] == t->succ[1]) {
    if (t->nsucc) push_block(x, w, s, b, t->succ[0]);
    return;
  }
  Operand l = operand_of(x, s, t->lhs);
  Operand r = operand_of(x, s, t->rhs);
  /* A test of an element no statement wrote (`if (fds[1] != -1)` after
     only fds[0] was set) is undefined behaviour: no real run takes either
     branch, so the path ends here without a report. */
  if ((!l.is_const && l.v >= 0 && s->vals[l.v].uninit) ||
      (!r.is_const && r.v >= 0 && s->vals[r.v].uninit))
    return;
  bool known = !cmp_is_unsigned(t->lhs, t->rhs) || assume_unsigned(x, s, t->lhs, l, t->rhs, r);
  /* A loop left at a test whose counter was widened (release_loop_left). */
  long counter_from = LONG_MIN;
  if ((t->cmp == CMP_LT || t->cmp == CMP_LE || t->cmp == CMP_NE) && t->lhs->kind == EXPR_PATH &&
      t->lhs->path->kind == PATH_VAR && !l.is_const && l.v >= 0 && s->vals[l.v].counted)
    counter_from = s->vals[l.v].lo;
  State *ts = state_clone(x, s);
  bool ok_t = (!known || assume_cmp(x, ts, l, t->cmp, r)) && sites_agree(x, ts);
  bool ok_f = (!known || assume_cmp(x, s, l, cmp_negate(t->cmp), r)) && sites_agree(x, s);
  if (ok_t && ok_f) {
    push_event(x, ts, EV_BRANCH, b, 0);
    push_event(x, s, EV_BRANCH, b, 1);
  }
  /* A loop `for (i = k; i < n; i++) free(a[i])` left at its first test
     releases nothing; the code trusts the count to cover what it filled
     in, so the elements from k on are forgotten (release_loop_left). That
     holds when leaving is assumed here, or decided because an earlier
     loop over the same count was assumed to run zero times (a clearing
     loop before the one that fills the array). A count the program set,
     or a test like `n <= 0`, decides it for real: those leaks stay. The
     same loop left once its counter was widened forgets from the count
     reached. */
  long i0;
  if (ok_f && counter_from != LONG_MIN) {
    release_loop_left(x, s, t->succ[0], t->lhs->path->var, counter_from, true);
  } else if ((t->cmp == CMP_LT || t->cmp == CMP_NE) && t->lhs->kind == EXPR_PATH &&
             t->lhs->path->kind == PATH_VAR && expr_const_value(x, s, t->lhs, &i0) && !r.is_const &&
             r.v >= 0) {
    if (ok_t && ok_f) s->vals[r.v].count_skipped = true;
    if (ok_f && s->vals[r.v].count_skipped)
      release_loop_left(x, s, t->succ[0], t->lhs->path->var, i0, false);
  } else {
    /* The program tests the count itself (`if (n <= 0)`): what follows
       is decided by that test, not by a loop assumed not to run. */
    int tested = l.is_const && !r.is_const ? r.v : r.is_const && !l.is_const ? l.v : -1;
    if (tested >= 0) ts->vals[tested].count_skipped = s->vals[tested].count_skipped = false;
  }
  if (ok_t) push_block(x, w, ts, b, t->succ[0]);
  if (ok_f) push_block(x, w, s, b, t->succ[1]);
}

/* `case (size_t)-1:` on an unsigned value: a label our signed longs
   cannot compare, so that edge teaches nothing. */
static bool wraps(const Term *t, SwitchCase k) {
  return t->value->is_unsigned && k.lo < 0;
}

static void do_switch(Ctx *x, Work *w, State *s, const Block *b) {
  const Term *t = &b->term;
  Operand v = operand_of(x, s, t->value);
  /* As in do_branch: switching on an element nothing wrote is undefined. */
  if (!v.is_const && v.v >= 0 && s->vals[v.v].uninit) return;
  State **out = ARENA_ARRAY(&x->a, State *, t->nsucc + 1);
  int nfeasible = 0;
  for (int i = 0; i < t->nsucc; i++) {
    State *c = state_clone(x, s);
    bool ok = true;
    if (i < t->ncases) {
      SwitchCase k = t->cases[i];
      if (wraps(t, k))
        ;
      else if (v.is_const)
        ok = v.c >= k.lo && v.c <= k.hi;
      else
        ok = refine_value(x, c, v.v, CMP_GE, k.lo) && refine_value(x, c, v.v, CMP_LE, k.hi);
    } else {
      for (int j = 0; j < t->ncases && ok; j++) {
        SwitchCase k = t->cases[j];
        if (wraps(t, k))
          ;
        else if (v.is_const)
          ok = v.c < k.lo || v.c > k.hi;
        else if (k.lo == k.hi)
          ok = refine_value(x, c, v.v, CMP_NE, k.lo);
      }
    }
    if (ok && sites_agree(x, c)) {
      out[i] = c;
      nfeasible++;
    }
  }
  for (int i = 0; i < t->nsucc; i++) {
    if (!out[i]) continue;
    if (nfeasible > 1) push_event(x, out[i], EV_SWITCH, b, i);
    push_block(x, w, out[i], b, t->succ[i]);
  }
}

static void run_item(Ctx *x, Work *w, const Item *it) {
  State *s = state_clone(x, it->s);
  const Block *b = it->b;
  for (int si = it->si; si < b->nstmts; si++) {
    const Stmt *st = b->stmts[si];
    assume_stmt_derefs(x, s, st);
    if (st->kind == STMT_ASSIGN) {
      do_assign(x, s, b, si);
      continue;
    }
    State *fork = NULL;
    CallResult cr = apply_call(x, s, b, si, &fork);
    if (cr == CALL_CRASH) return;
    if (cr == CALL_END) {
      end_noreturn(x, s, b, st);
      return;
    }
    note_filled(x, s, st);
    if (fork) {
      note_filled(x, fork, st);
      enqueue_item(x, w, state_transit(x, state_canon(x, fork, NULL)), b, si + 1, true);
    }
  }
  const Term *t = &b->term;
  assume_expr_derefs(x, s, t->lhs);
  assume_expr_derefs(x, s, t->rhs);
  assume_expr_derefs(x, s, t->value);
  switch (t->kind) {
  case TERM_JUMP:
    if (t->jump_kind) push_event(x, s, EV_JUMP, b, 0);
    if (t->jump_kind && strncmp(t->jump_kind, "goto ", 5) == 0) fix_observe(x, s, b);
    for (int i = 0; i < t->nsucc; i++) /* several for `goto *p` */
      push_block(x, w, s, b, t->succ[i]);
    break;
  case TERM_BRANCH: do_branch(x, w, s, b); break;
  case TERM_SWITCH: do_switch(x, w, s, b); break;
  case TERM_RETURN: end_return(x, s, b); break;
  case TERM_NORETURN: end_noreturn(x, s, b, NULL); break;
  }
}

/* ---- Driver ------------------------------------------------------------------- */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

Ctx *engine_ctx_new(const Func *f, const Callees *c, const EngineOptions *o, FindingList *out,
                    bool summary_mode) {
  Arena keep;
  arena_init(&keep);
  Ctx *x = ARENA_NEW(&keep, Ctx);
  x->keep = keep;
  arena_init(&x->a);
  x->f = f;
  x->c = c;
  x->o = o;
  x->out = out;
  x->summary_mode = summary_mode;
  for (int i = 0; i < f->nblocks; i++)
    if (f->blocks[i]->term.kind == TERM_RETURN && f->blocks[i]->term.loc.line > x->max_ret_line)
      x->max_ret_line = f->blocks[i]->term.loc.line;
  for (int i = 0; i < f->nblocks && !x->takes_locks; i++)
    for (int k = 0; k < f->blocks[i]->nstmts && !x->takes_locks; k++) {
      const Stmt *st = f->blocks[i]->stmts[k];
      const FuncRule *r = st->kind == STMT_CALL && st->callee ? callee_rule(x, st->callee) : NULL;
      for (int m = 0; r && m < r->nacquires; m++)
        x->takes_locks |= r->acquires[m].kind->scoped;
    }
  return x;
}

void engine_ctx_delete(Ctx *x) {
  arena_free(&x->a);
  Arena keep = x->keep;
  arena_free(&keep);
}

void engine_explore(Ctx *x) {
  const Func *f = x->f;
  if (f->nblocks == 0) return;
  if (x->o->cancel && atomic_load(x->o->cancel)) {
    x->budget_hit = true; /* no summary, no findings: nobody wants them */
    return;
  }
  live_compute(x);
  loops_compute(x);
  guards_compute(x);
  Work w = {0};
  compute_order(x, &w);
  w.states = ARENA_ARRAY(&x->keep, Vec, f->nblocks);
  long budget = x->o->max_states > 0 ? x->o->max_states : DEFAULT_STATES;
  /* A function longer than BUDGET_BLOCKS blocks (a 3,000-line option
     parser) gets the budget in proportion: its paths meet at more places,
     and a budget that fits a page-long function would stop it halfway.
     A larger budget also lets each join point keep more states. */
  long max_states = f->nblocks > BUDGET_BLOCKS ? budget * f->nblocks / BUDGET_BLOCKS : budget;
  x->hard_cap = HARD_CAP * (budget > DEFAULT_STATES ? budget / DEFAULT_STATES : 1);
  push_block(x, &w, state_entry(x), NULL, f->blocks[0]);
  double start = now();
  bool over_bytes = false;
  /* A summary's exploration keeps more apart (effects on parameters, their
     origins) and is all or nothing: one that needs more than half the
     memory budget has in practice not finished within the state budget
     either, and the summary pass runs one per job at once. */
  long max_bytes = x->summary_mode ? x->o->max_bytes / 2 : x->o->max_bytes;
  close_order(x, &w);
  while (w.n) {
    Item it = dequeue(&w);
    it.s->queued = false;
    if (it.s->dead) {
      state_transit_free(x, it.s); /* a join replaced it in its block's set */
      continue;
    }
    blocks_close(x, &w, it.order);
    over_bytes = max_bytes > 0 && (long)x->keep.used + x->transit_bytes > max_bytes;
    if (++x->nstates > max_states || over_bytes ||
        ((x->nstates & 127) == 0 && x->o->max_seconds > 0 && now() - start > x->o->max_seconds) ||
        ((x->nstates & 127) == 0 && x->o->cancel && atomic_load(x->o->cancel))) {
      x->budget_hit = true;
      if (it.transit) state_transit_free(x, it.s);
      break;
    }
    arena_reset(&x->a);
    run_item(x, &w, &it);
    if (it.transit) state_transit_free(x, it.s);
  }
  for (int i = 0; i < w.n; i++) {
    State *q = w.heap[i].s;
    q->queued = false;
    if (w.heap[i].transit || q->dead) state_transit_free(x, q);
  }
  for (int i = 0; i < f->nblocks; i++)
    block_free_states(x, &w.states[i]);
  x->paths_left = w.n + 1;
  x->over_bytes = over_bytes;
  if (x->out && (x->budget_hit || x->dropped))
    findings_note(x->out, f->loc,
                  arena_printf(&x->a, "analysis of %s() %s; findings for it may be incomplete",
                               f->name, engine_stop_text(x, &x->a)));
}

const char *engine_stop_text(const Ctx *x, Arena *a) {
  if (x->budget_hit)
    return arena_printf(a,
                        "stopped after %ld states%s with %d path%s left unexplored "
                        "(--max-states raises the budget)",
                        x->nstates - 1, x->over_bytes ? " (at its memory budget)" : "",
                        x->paths_left, x->paths_left == 1 ? "" : "s");
  return arena_printf(a, "left %ld path%s unexplored at the state limit", x->dropped,
                      x->dropped == 1 ? "" : "s");
}

/* The cells of f the global facts speak of (globals f reads, by name). */
static void global_facts_resolve(Ctx *x, const GlobalFact *g, int n) {
  if (!g || n == 0) return;
  x->gfacts = ARENA_ARRAY(&x->keep, struct CellFact, n);
  for (int i = 0; i < n; i++) {
    int var = -1;
    for (int v = 0; v < x->f->nvars && var < 0; v++)
      if (x->f->vars[v]->kind == VAR_GLOBAL && strcmp(x->f->vars[v]->name, g[i].var) == 0) var = v;
    if (var < 0) continue;
    int chain = 0;
    for (int k = 0; k < g[i].nfields; k++)
      chain = chain_step(x, chain, false, g[i].fields[k], 0);
    x->gfacts[x->ngfacts++] = (struct CellFact){{var, chain}, g[i].lo, g[i].hi};
  }
}

void engine_run(const Func *f, const Callees *c, const EngineOptions *o, FindingList *out) {
  EngineOptions defaults;
  if (!o) {
    engine_default_options(&defaults);
    o = &defaults;
  }
  Ctx *x = engine_ctx_new(f, c, o, out, false);
  int n = 0;
  if (c->preconditions) x->pre = c->preconditions(c->lookup_ctx, c->unit, f);
  if (c->failure_uses) x->fail_sites = c->failure_uses(c->lookup_ctx, c->unit, f);
  x->hand_fields = handed_fields_wanted(f);
  if (c->call_sites) x->sites = c->call_sites(c->lookup_ctx, c->unit, f, &x->nsites);
  if (c->global_facts) {
    const GlobalFact *g = c->global_facts(c->lookup_ctx, c->unit, f, &n);
    global_facts_resolve(x, g, n);
  }
  engine_explore(x);
  handed_report(x);
  reports_emit(x);
  engine_ctx_delete(x);
}
