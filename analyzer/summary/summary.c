/*
 * summary.c - computing function summaries bottom-up over the call graph.
 *
 * The engine summarizes one function at a time (engine_summarize); this
 * pass decides the order. It builds the call graph of every function
 * defined in the units given, solves its strongly connected components
 * callees first (recursive ones to a bounded fixpoint), and keeps the
 * summaries in a table that it hands the engine through the Callees
 * oracle's lookup: the engine never knows summaries exist.
 */
#include "summary.h"

#include "failure_uses.h"
#include "startup.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Entry {
  const char *name;
  const char *unit; /* static functions: their unit's path; NULL: external */
  FuncRule *rule;
  bool ambiguous; /* external name defined more than once */
  bool defined;   /* read from a cached unit that defines it (summary_read) */
  int node;       /* during summary_compute */
  /* Preconditions: the facts every call site guarantees on the
     parameters, when all of the function's callers are known. */
  ArgFact *pre;
  int npre;
  bool pre_closed;  /* every caller is in sight */
  bool pre_unknown; /* some call was not seen (an exploration stopped early) */
  Vec fail_sites;   /* FailSite *: how each call site treats failure (failure_uses.c) */
  /* The call sites themselves, each as one tuple of facts, while there are
     at most MAX_SITES of them (nsites counts them all). */
  const CallFacts **sites;
  int nsites;
  /* summary_compute left it without a summary: where its exploration
     stopped (engine_summarize_calls). */
  const char *stopped;
  /* Fields of global structs as main set them up (startup.c). */
  const GlobalFact *gfacts;
  int ngfacts;
} Entry;

enum { MAX_SITES = 16 };

struct SummaryTable {
  Arena arena;
  Entry **slots;
  int cap, n, nrules;
  Vec outs;           /* Arena *: the summaries solving workers allocated */
  bool whole_program; /* the units given are every unit of the program */
  Vec facts;          /* UnitFacts *: what each unit adds to preconditions */
  /* Definitions read (summary_read), not computed, and units whose facts
     were read (summary_read_facts): when some definitions came without
     their units' facts, their calls were not walked, so external
     functions' call sites are not all known (failure_uses). */
  int nread, nread_facts;
  /* Units summary_compute is given whose records an earlier run wrote
     (summary_read_prior): UnitFacts *, for their startup facts. */
  Vec prior;
  /* The startup pass: the digest of what it read (its profiles), and the
     units whose IR it needs and did not get (summary_startup_needs). */
  uint64_t sdigest;
  Vec startup_need; /* const char * */
};

/* ---- Table ------------------------------------------------------------------ */

static unsigned key_hash(const char *unit, const char *name) {
  unsigned h = 2166136261u;
  for (const char *s = name; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  for (const char *s = unit ? unit : ""; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static bool key_eq(const Entry *e, const char *unit, const char *name) {
  if (strcmp(e->name, name) != 0) return false;
  if (!e->unit || !unit) return e->unit == unit;
  return strcmp(e->unit, unit) == 0;
}

static Entry *entry_get(const SummaryTable *st, const char *unit, const char *name) {
  if (!st->cap || !name) return NULL;
  unsigned m = (unsigned)st->cap - 1;
  for (unsigned j = key_hash(unit, name) & m; st->slots[j]; j = (j + 1) & m)
    if (key_eq(st->slots[j], unit, name)) return st->slots[j];
  return NULL;
}

static void table_grow(SummaryTable *st) {
  int cap = st->cap ? st->cap * 2 : 256;
  Entry **t = ARENA_ARRAY(&st->arena, Entry *, cap);
  for (int i = 0; i < st->cap; i++) {
    Entry *e = st->slots[i];
    if (!e) continue;
    unsigned j = key_hash(e->unit, e->name) & (unsigned)(cap - 1);
    while (t[j])
      j = (j + 1) & (unsigned)(cap - 1);
    t[j] = e;
  }
  st->slots = t;
  st->cap = cap;
}

static Entry *entry_add(SummaryTable *st, const char *unit, const char *name) {
  Entry *e = entry_get(st, unit, name);
  if (e) return e;
  if ((st->n + 1) * 2 > st->cap) table_grow(st);
  e = ARENA_NEW(&st->arena, Entry);
  e->name = arena_strdup(&st->arena, name);
  e->unit = unit ? arena_strdup(&st->arena, unit) : NULL;
  e->node = -1;
  unsigned m = (unsigned)st->cap - 1;
  unsigned j = key_hash(unit, name) & m;
  while (st->slots[j])
    j = (j + 1) & m;
  st->slots[j] = e;
  st->n++;
  return e;
}

SummaryTable *summary_table_new(void) {
  Arena a;
  arena_init(&a);
  SummaryTable *st = ARENA_NEW(&a, SummaryTable);
  st->arena = a;
  return st;
}

void summary_table_delete(SummaryTable *st) {
  if (!st) return;
  for (int i = 0; i < st->outs.len; i++)
    arena_free(st->outs.data[i]);
  Arena a = st->arena;
  arena_free(&a);
}

static const FuncRule *summary_lookup(const SummaryTable *st, const char *name) {
  const Entry *e = st ? entry_get(st, NULL, name) : NULL;
  return e && !e->ambiguous ? e->rule : NULL;
}

const FuncRule *summary_find(const SummaryTable *st, const Unit *u, const char *name) {
  if (!st) return NULL;
  if (u) {
    const Entry *e = entry_get(st, u->path, name);
    if (e) return e->rule;
  }
  return summary_lookup(st, name);
}

const FuncRule *summary_find_path(const SummaryTable *st, const char *unit, const char *name) {
  if (!st) return NULL;
  if (unit) {
    const Entry *e = entry_get(st, unit, name);
    if (e) return e->rule;
  }
  return summary_lookup(st, name);
}

bool summary_ambiguous(const SummaryTable *st, const char *name) {
  const Entry *e = st ? entry_get(st, NULL, name) : NULL;
  return e && e->ambiguous;
}

static const FuncRule *lookup(const void *st, const Unit *u, const char *name) {
  return summary_find(st, u, name);
}

const ArgFact *summary_preconditions(const SummaryTable *st, const Unit *u, const Func *f) {
  if (!st || !u) return NULL;
  const Entry *e = entry_get(st, f->is_static ? u->path : NULL, f->name);
  if (!e || e->ambiguous || !e->pre_closed || e->pre_unknown || !e->pre || e->npre != f->nparams)
    return NULL;
  return e->pre;
}

static const ArgFact *preconditions(const void *st, const Unit *u, const Func *f) {
  return summary_preconditions(st, u, f);
}

const Vec *summary_failure_uses(const SummaryTable *st, const Unit *u, const Func *f) {
  if (!st || !u) return NULL;
  const Entry *e = entry_get(st, f->is_static ? u->path : NULL, f->name);
  if (!e || e->ambiguous || !e->pre_closed || e->pre_unknown || f->ret_type != TY_INT) return NULL;
  if (!f->is_static && st->nread > st->nread_facts) return NULL;
  return &e->fail_sites;
}

static const Vec *failure_uses(const void *st, const Unit *u, const Func *f) {
  return summary_failure_uses(st, u, f);
}

const CallFacts *const *summary_call_sites(const SummaryTable *st, const Unit *u, const Func *f,
                                           int *n) {
  *n = 0;
  if (!summary_preconditions(st, u, f)) return NULL;
  const Entry *e = entry_get(st, f->is_static ? u->path : NULL, f->name);
  if (e->nsites > MAX_SITES) return NULL;
  *n = e->nsites;
  return e->sites;
}

static const CallFacts *const *call_sites(const void *st, const Unit *u, const Func *f, int *n) {
  return summary_call_sites(st, u, f, n);
}

const GlobalFact *summary_global_facts(const SummaryTable *st, const Unit *u, const Func *f,
                                       int *n) {
  *n = 0;
  const Entry *e = st && u ? entry_get(st, f->is_static ? u->path : NULL, f->name) : NULL;
  if (!e || e->ambiguous) return NULL;
  *n = e->ngfacts;
  return e->gfacts;
}

static const GlobalFact *global_facts(const void *st, const Unit *u, const Func *f, int *n) {
  return summary_global_facts(st, u, f, n);
}

Callees summary_callees(const SummaryTable *st, const RuleSet *rs, const Unit *u) {
  Callees c = {.rules = rs,
               .lookup = st ? lookup : NULL,
               .lookup_ctx = st,
               .unit = u,
               .preconditions = st ? preconditions : NULL,
               .failure_uses = st ? failure_uses : NULL,
               .call_sites = st ? call_sites : NULL,
               .global_facts = st ? global_facts : NULL};
  return c;
}

void summary_set_whole_program(SummaryTable *st, bool on) {
  st->whole_program = on;
}

const char *summary_stopped(const SummaryTable *st, const Unit *u, const Func *f) {
  const Entry *e = st ? entry_get(st, f->is_static ? u->path : NULL, f->name) : NULL;
  return e && !e->ambiguous ? e->stopped : NULL; /* a name defined twice has none anyway */
}

int summary_count(const SummaryTable *st) {
  return st ? st->nrules : 0;
}

static FuncRule *summarize(const SummaryTable *st, Arena *out, const Func *f, const Unit *u,
                           const RuleSet *rs, const EngineOptions *o, Vec *calls, bool *complete,
                           const char **stopped) {
  Callees c = summary_callees(st, rs, u);
  c.preconditions = NULL; /* summaries speak for any caller */
  c.failure_uses = NULL;
  c.call_sites = NULL;
  c.global_facts = NULL;
  FuncRule *r = engine_summarize_calls(f, &c, o, out, calls, complete, stopped);
  if (r) r->derefs_args = engine_entry_derefs(f, &c);
  return r;
}

/* ---- Call graph ------------------------------------------------------------------ */

typedef struct Node {
  const Func *f;
  const Unit *u;
  Entry *e;
  int *succ;
  int nsucc;
  int index, low, scc;
  bool on_stack, self_loop;
  Vec calls;           /* CallFacts * of the last exploration */
  bool complete;       /* ... which explored every path */
  const char *stopped; /* ... or a note on where it stopped */
} Node;

static Entry *resolve(const SummaryTable *st, const Unit *u, const char *name) {
  Entry *e = entry_get(st, u->path, name);
  if (e && e->node >= 0) return e;
  e = entry_get(st, NULL, name);
  return e && !e->ambiguous && e->node >= 0 ? e : NULL;
}

static void build_graph(SummaryTable *st, Arena *a, Node *nodes, int n, const RuleSet *rs) {
  for (int i = 0; i < n; i++) {
    const Func *f = nodes[i].f;
    Vec succ = {0};
    for (int b = 0; b < f->nblocks; b++)
      for (int k = 0; k < f->blocks[b]->nstmts; k++) {
        const Stmt *s = f->blocks[b]->stmts[k];
        if (s->kind != STMT_CALL) continue;
        /* A function handed to a call (a thread's start routine) is
           summarized first too: the call's rule may ask what it does. */
        for (int m = 0; m < s->nargs; m++) {
          Entry *e = s->args[m]->kind == EXPR_FUNC && s->args[m]->text
                         ? resolve(st, nodes[i].u, s->args[m]->text)
                         : NULL;
          if (e && e->node != i) vec_push(a, &succ, (void *)(intptr_t)e->node);
        }
        /* A call through a variable reaches each function it may hold. */
        const FnTargets *t = s->callee ? NULL : var_fn_targets(s->fnvar);
        int ncallees = s->callee ? 1 : t ? t->ntargets : 0;
        for (int c = 0; c < ncallees; c++) {
          const char *name = s->callee ? s->callee : t->targets[c];
          if (rs && rules_find_func(rs, name)) continue;
          Entry *e = resolve(st, nodes[i].u, name);
          if (!e) continue;
          if (e->node == i) nodes[i].self_loop = true;
          vec_push(a, &succ, (void *)(intptr_t)e->node);
        }
      }
    nodes[i].nsucc = succ.len;
    nodes[i].succ = ARENA_ARRAY(a, int, succ.len + 1);
    for (int k = 0; k < succ.len; k++)
      nodes[i].succ[k] = (int)(intptr_t)succ.data[k];
  }
}

/* ---- Preconditions ----------------------------------------------------------- */

/*
 * A function whose callers are all in sight gets, as facts on its
 * parameters, the join of what each call site knows about its arguments
 * (`n > 0`, `p != NULL`): a path needing `n == 0` is one no caller takes.
 * All callers are in sight when the function cannot be called from
 * elsewhere: a static function whose address its unit never takes, or,
 * when the units are the whole program, an external one that no unit takes
 * the address of and that is not exported: hidden, or part of a program
 * (one of the units defines main) without an explicit export attribute.
 * A call from code that is not lowered (an inline function in a header)
 * is one whose arguments are never seen, so its callee does not qualify.
 * main and functions whose unit did not parse cleanly never qualify; a
 * caller whose exploration stopped early leaves its callees without.
 */

/* What one unit adds to the preconditions of the program's external
   functions: whether it parsed cleanly and defines main, the external
   names it lets escape, the external functions it defines, and its calls
   to names that are not its own static functions, joined per callee. A
   unit summarized here gets them from its IR and explorations; a unit
   whose results come from the cache gets the ones it had then
   (summary_read_facts), which still hold while its own results do. Both
   kinds go through the same join, so a cached run's preconditions are a
   full run's. */
typedef struct FactDef {
  const char *name;
  int nparams;
  bool local_ok; /* declared, address never taken, called only from lowered code, not main */
  bool exported, hidden;
} FactDef;

typedef struct UnitFacts {
  const char *unit;
  bool clean, main;
  Vec escaped; /* const char * */
  Vec defs;    /* FactDef * */
  Vec calls;   /* CallFacts *, one per call site */
  Vec unknown; /* const char *: callees of calls not seen to the end */
  Vec fails;   /* FailRec *: how its calls to external functions treat their failure */
  /* The startup pass (startup.c): its functions as the pass reads them,
     with the facts they were given; the key field names of its main; the
     digest of the pass's input the facts came from. */
  Vec sfns;  /* SFn * */
  Vec skeys; /* const char * */
  uint64_t sdigest;
  bool read; /* from summary_read_facts: not parsed in this run */
} UnitFacts;

/* A function of a unit, as the startup pass sees it. */
typedef struct SFn {
  const char *name;
  bool is_static, local_ok; /* local_ok: static, every caller in its unit */
  StartupProfile pr;
  uint64_t fp;   /* startup_fingerprint of its code */
  const Func *f; /* parsed in this run, else NULL */
  const Unit *u;
  GlobalFact *gfacts; /* read: the facts its entry recorded */
  int ngfacts;
} SFn;

static bool ptr_eq(const void *a, const void *b) {
  return strcmp(a, b) == 0;
}

static unsigned ptr_hash(const void *p) {
  return (unsigned)((uintptr_t)p >> 4) * 2654435761u;
}

static bool ptr_same(const void *a, const void *b) {
  return a == b;
}

static void facts_unknown(SummaryTable *st, UnitFacts *uf, const char *name) {
  vec_push(&st->arena, &uf->unknown, arena_strdup(&st->arena, name));
}

/* Joins cf into uf's record for its callee (a missing argument is any
   value, as join_call reads it). */
/* Each call site is kept as it is, not joined per callee: a function's
   call sites, one tuple each, tell paths no caller takes (engine_sites.c),
   and the preconditions join them anyway. */
static void facts_call(SummaryTable *st, UnitFacts *uf, const CallFacts *cf) {
  CallFacts *c = ARENA_NEW(&st->arena, CallFacts);
  *c = *cf;
  c->callee = arena_strdup(&st->arena, cf->callee);
  vec_push(&st->arena, &uf->calls, c);
}

/* The callees of a function that is not summarized: their call sites in
   it are not seen, so none of them gets preconditions. */
static void skipped_calls(SummaryTable *st, UnitFacts *uf, const Unit *u, const Func *f) {
  for (int b = 0; b < f->nblocks; b++)
    for (int k = 0; k < f->blocks[b]->nstmts; k++) {
      const Stmt *s = f->blocks[b]->stmts[k];
      if (s->kind != STMT_CALL || !s->callee) continue;
      Entry *e = entry_get(st, u->path, s->callee);
      if (e) e->pre_unknown = true;
      facts_unknown(st, uf, s->callee);
    }
}

static bool unit_clean(const Unit *u) {
  if (!u->uses_known) return false; /* its calls and references were not recorded */
  for (int i = 0; i < u->ndiags; i++)
    if (u->diags[i]->level == DIAG_ERROR) return false;
  return true;
}

static bool local_ok(const Node *nd) {
  const FuncDecl *d = unit_find_decl(nd->u, nd->f->name);
  return d && !d->addr_taken && !d->called_outside && strcmp(nd->f->name, "main") != 0 &&
         unit_clean(nd->u);
}

static void join_call(Arena *out, Entry *e, int np, const CallFacts *cf) {
  if (e->nsites < MAX_SITES) {
    if (!e->sites) e->sites = ARENA_ARRAY(out, const CallFacts *, MAX_SITES);
    e->sites[e->nsites] = cf;
  }
  e->nsites++;
  if (!e->pre) {
    e->pre = ARENA_ARRAY(out, ArgFact, np + 1);
    e->npre = np;
    for (int i = 0; i < np; i++)
      e->pre[i] = i < cf->nargs ? cf->args[i] : (ArgFact){LONG_MIN, LONG_MAX, false};
    return;
  }
  for (int i = 0; i < np; i++) {
    ArgFact a = i < cf->nargs ? cf->args[i] : (ArgFact){LONG_MIN, LONG_MAX, false};
    if (a.lo < e->pre[i].lo) e->pre[i].lo = a.lo;
    if (a.hi > e->pre[i].hi) e->pre[i].hi = a.hi;
    e->pre[i].nonzero = e->pre[i].nonzero && a.nonzero;
  }
}

static UnitFacts *unit_facts(SummaryTable *st, const Unit *u) {
  UnitFacts *uf = ARENA_NEW(&st->arena, UnitFacts);
  uf->unit = arena_strdup(&st->arena, u->path);
  uf->clean = unit_clean(u);
  uf->main = ir_is_program((Unit **)&u, 1);
  for (int k = 0; k < u->ndecls; k++) {
    const FuncDecl *d = u->decls[k];
    if ((d->addr_taken || d->called_outside) && !d->is_static)
      vec_push(&st->arena, &uf->escaped, arena_strdup(&st->arena, d->name));
  }
  vec_push(&st->arena, &st->facts, uf);
  return uf;
}

static const UnitFacts *facts_of(const SummaryTable *st, const char *unit) {
  for (int i = st->facts.len - 1; i >= 0; i--) {
    const UnitFacts *uf = st->facts.data[i];
    if (strcmp(uf->unit, unit) == 0) return uf;
  }
  return NULL;
}

/* The external functions' preconditions, from every unit's facts: those
   of this computation's units and those read from the cache. */
static void program_preconditions(SummaryTable *st, Arena *a) {
  Map escaped = {0};
  bool all_clean = true, main = false;
  for (int i = 0; i < st->facts.len; i++) {
    const UnitFacts *uf = st->facts.data[i];
    all_clean = all_clean && uf->clean;
    main = main || uf->main;
    for (int k = 0; k < uf->escaped.len; k++)
      map_put(a, &escaped, str_hash(uf->escaped.data[k]), uf->escaped.data[k], (void *)1, ptr_eq);
  }
  bool program = all_clean && main;
  for (int i = 0; i < st->facts.len; i++) {
    const UnitFacts *uf = st->facts.data[i];
    for (int k = 0; k < uf->defs.len; k++) {
      const FactDef *d = uf->defs.data[k];
      Entry *e = entry_get(st, NULL, d->name);
      if (!e) continue;
      e->pre = NULL;
      e->sites = NULL;
      e->nsites = 0;
      e->npre = d->nparams;
      e->pre_unknown = false;
      e->pre_closed = st->whole_program && all_clean && !e->ambiguous && d->local_ok &&
                      !d->exported && (d->hidden || program) &&
                      !map_get(&escaped, str_hash(d->name), d->name, ptr_eq);
    }
  }
  for (int i = 0; i < st->facts.len; i++) {
    const UnitFacts *uf = st->facts.data[i];
    for (int k = 0; k < uf->unknown.len; k++) {
      Entry *e = entry_get(st, NULL, uf->unknown.data[k]);
      if (e) e->pre_unknown = true;
    }
  }
  for (int i = 0; i < st->facts.len; i++) {
    const UnitFacts *uf = st->facts.data[i];
    for (int k = 0; k < uf->calls.len; k++) {
      const CallFacts *cf = uf->calls.data[k];
      Entry *e = entry_get(st, NULL, cf->callee);
      if (e && e->pre_closed) join_call(&st->arena, e, e->npre, cf);
    }
  }
}

/* `skipped`: Node-shaped records of the definitions that got no node (a
   second definition of a name). */
static void gather_preconditions(SummaryTable *st, Arena *a, Node *nodes, int n, Unit **units,
                                 int nunits, const Vec *skipped) {
  Map facts = {0}; /* Unit * -> UnitFacts * */
  for (int i = 0; i < nunits; i++)
    if (units[i])
      map_put(a, &facts, ptr_hash(units[i]), units[i], unit_facts(st, units[i]), ptr_same);
  for (int i = 0; i < n; i++) {
    Node *nd = &nodes[i];
    UnitFacts *uf = map_get(&facts, ptr_hash(nd->u), nd->u, ptr_same);
    if (nd->f->is_static) {
      nd->e->pre_closed = local_ok(nd);
      continue;
    }
    FactDef *d = ARENA_NEW(&st->arena, FactDef);
    const FuncDecl *decl = unit_find_decl(nd->u, nd->f->name);
    *d = (FactDef){arena_strdup(&st->arena, nd->f->name), nd->f->nparams, local_ok(nd),
                   decl && decl->exported, decl && decl->hidden};
    vec_push(&st->arena, &uf->defs, d);
  }
  for (int i = 0; i < skipped->len; i++) {
    const Node *nd = skipped->data[i];
    skipped_calls(st, map_get(&facts, ptr_hash(nd->u), nd->u, ptr_same), nd->u, nd->f);
  }
  for (int i = 0; i < n; i++) {
    const Node *nd = &nodes[i];
    UnitFacts *uf = map_get(&facts, ptr_hash(nd->u), nd->u, ptr_same);
    /* A name defined twice: which definition a call reaches is unknown,
       so neither one's calls are seen. */
    if (!nd->complete || nd->e->ambiguous) {
      skipped_calls(st, uf, nd->u, nd->f);
      continue;
    }
    for (int k = 0; k < nd->calls.len; k++) {
      const CallFacts *cf = nd->calls.data[k];
      Entry *e = entry_get(st, nd->u->path, cf->callee);
      if (e && e->node >= 0) { /* a static function of the unit */
        if (e->pre_closed) join_call(&st->arena, e, nodes[e->node].f->nparams, cf);
      } else {
        facts_call(st, uf, cf);
      }
    }
  }
  program_preconditions(st, a);
}

/* Calls whose failure handling is worth reading: to a function the
   program defines, here (static) or in any unit, parsed or read. Whether
   its callers are all in sight and it returns int is asked when the
   engine wants its sites (summary_failure_uses): a unit's record of its
   sites must not depend on the rest of the program. */
typedef struct Wanted {
  const SummaryTable *st;
  const Unit *u;
} Wanted;

static Entry *fail_callee(const SummaryTable *st, const Unit *u, const char *name) {
  Entry *e = entry_get(st, u->path, name);
  if (e && e->node >= 0) return e;
  e = entry_get(st, NULL, name);
  return e && !e->ambiguous && (e->node >= 0 || e->defined) ? e : NULL;
}

static bool wanted(const void *ctx, const char *name) {
  const Wanted *w = ctx;
  return fail_callee(w->st, w->u, name) != NULL;
}

static void add_fail_site(SummaryTable *st, Entry *e, const FailSite *site) {
  FailSite *fs = ARENA_NEW(&st->arena, FailSite);
  *fs = *site;
  vec_push(&st->arena, &e->fail_sites, fs);
}

/* Every call site's failure handling, kept with its callee (engine_handed.c
   learns the callee's failure convention from them): a static callee's
   now, an external one's in the unit's facts, which program_failure_uses
   hands out with those of the units read from the cache. */
static void gather_failure_uses(SummaryTable *st, Arena *a, Node *nodes, int n, const RuleSet *rs) {
  for (int i = 0; i < n; i++) {
    const Node *nd = &nodes[i];
    Callees c = summary_callees(st, rs, nd->u);
    Wanted w = {st, nd->u};
    Vec recs = {0};
    failure_uses_of(nd->f, &c, wanted, &w, a, &recs);
    UnitFacts *uf = NULL;
    for (int k = 0; k < recs.len; k++) {
      const FailRec *r = recs.data[k];
      Entry *e = fail_callee(st, nd->u, r->callee);
      if (e->unit) {
        add_fail_site(st, e, &r->site);
        continue;
      }
      if (!uf) uf = (UnitFacts *)facts_of(st, nd->u->path);
      FailRec *keep = ARENA_NEW(&st->arena, FailRec);
      *keep = (FailRec){arena_strdup(&st->arena, r->callee), r->site};
      vec_push(&st->arena, &uf->fails, keep);
    }
  }
}

/* The external functions' call sites, from every unit's facts. */
static void program_failure_uses(SummaryTable *st) {
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < st->facts.len; i++) {
      const UnitFacts *uf = st->facts.data[i];
      for (int k = 0; k < uf->fails.len; k++) {
        const FailRec *r = uf->fails.data[k];
        Entry *e = entry_get(st, NULL, r->callee);
        if (e && pass == 0) e->fail_sites = (Vec){0};
        if (e && pass == 1) add_fail_site(st, e, &r->site);
      }
    }
}

/* ---- Startup facts ------------------------------------------------------------ */

/*
 * The startup pass (startup.c) needs the whole program: main's code, the
 * code of the functions whose effects main's calls apply, and of every
 * other function only what it writes and calls (its profile). A unit's
 * facts keep its functions' profiles, the key fields of its main and the
 * facts its functions were given, so a cached run can run the pass over
 * units it did not parse. When the pass needs the code of a unit that was
 * not parsed, the facts the entries recorded stand if nothing the pass
 * reads changed since: the digest of every profile (sdigest) is the one
 * they were computed with, and the code of each main and each function
 * whose effect is followed (the only code the profiles do not cover) has
 * the fingerprint its record gives, where it was parsed.
 * Otherwise the units whose code it needs are named (summary_startup_needs)
 * for the caller to parse, and the pass runs again with them.
 */

static int by_text(const void *pa, const void *pb) {
  return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static uint64_t fnv(uint64_t h, const char *s) {
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
  return (h ^ 0xff) * 0x100000001b3ULL; /* a separator */
}

typedef struct SPass {
  const SummaryTable *st;
  Map statics, externs; /* "unit\1name" / name -> index + 1 */
  const char **unit;    /* per function: its unit's path */
} SPass;

static const char *static_key(Arena *a, const char *unit, const char *name) {
  return arena_printf(a, "%s\1%s", unit, name);
}

/* The function a call from `unit` to name reaches, as resolve() decides. */
static int spass_resolve(SPass *sp, Arena *a, const char *unit, const char *name) {
  const char *k = static_key(a, unit, name);
  void *v = map_get(&sp->statics, str_hash(k), k, str_eq);
  if (v) return (int)(intptr_t)v - 1;
  const Entry *e = entry_get(sp->st, NULL, name);
  if (!e || e->ambiguous) return -1;
  v = map_get(&sp->externs, str_hash(name), name, str_eq);
  return v ? (int)(intptr_t)v - 1 : -1;
}

typedef struct Resolver {
  SPass *sp;
  Arena *a;
} Resolver;

static int resolve_fn(void *ctx, const Unit *u, const char *name) {
  Resolver *r = ctx;
  return spass_resolve(r->sp, r->a, u->path, name);
}

/* Appends to out[n..] the functions names reach; a function handed to a
   call is no edge to itself, a call is (as build_graph has them). */
static int resolve_all(SPass *sp, Arena *a, const char *unit, const Vec *names, int self,
                       bool keep_self, int *out, int n) {
  for (int k = 0; k < names->len; k++) {
    int c = spass_resolve(sp, a, unit, names->data[k]);
    if (c >= 0 && (c != self || keep_self)) out[n++] = c;
  }
  return n;
}

/* The profiles of the functions this computation was given (nodes and the
   second definitions that got none), into their units' facts, and the key
   fields of their mains. */
static void add_profiles(SummaryTable *st, Node *nodes, int n, const Vec *skipped,
                         const RuleSet *rs) {
  for (int i = 0; i < n + skipped->len; i++) {
    const Node *nd = i < n ? &nodes[i] : skipped->data[i - n];
    UnitFacts *uf = (UnitFacts *)facts_of(st, nd->u->path);
    if (!uf) continue;
    SFn *sf = ARENA_NEW(&st->arena, SFn);
    sf->name = arena_strdup(&st->arena, nd->f->name);
    sf->is_static = nd->f->is_static;
    sf->local_ok = nd->f->is_static && i < n && nd->e->pre_closed;
    sf->f = nd->f;
    sf->u = nd->u;
    startup_profile(nd->f, rs, &st->arena, &sf->pr);
    sf->fp = startup_fingerprint(nd->f);
    vec_push(&st->arena, &uf->sfns, sf);
    if (!sf->is_static && strcmp(sf->name, "main") == 0)
      startup_key_fields(nd->f, &st->arena, &uf->skeys);
  }
}

static bool fn_closed(const SummaryTable *st, const SFn *sf) {
  if (sf->is_static) return sf->local_ok;
  const Entry *e = entry_get(st, NULL, sf->name);
  return e && e->pre_closed && !e->ambiguous;
}

static void put_names(Arena *a, Buf *b, const char *tag, const Vec *v) {
  buf_puts(a, b, tag);
  for (int k = 0; k < v->len; k++) {
    buf_putc(a, b, ' ');
    buf_puts(a, b, v->data[k]);
  }
}

/* What the pass reads besides code: every function's profile and whether
   its callers are all in sight, in an order of its own. */
static uint64_t profiles_digest(const SummaryTable *st, Arena *a, SFn **fns, const char **unit,
                                int n) {
  Vec lines = {0};
  for (int i = 0; i < n; i++) {
    Buf b = {0};
    buf_printf(a, &b, "%s %s %d %d", unit[i], fns[i]->name, fns[i]->is_static,
               fn_closed(st, fns[i]));
    put_names(a, &b, " w", &fns[i]->pr.writes);
    put_names(a, &b, " c", &fns[i]->pr.calls);
    put_names(a, &b, " a", &fns[i]->pr.args);
    vec_push(a, &lines, (void *)buf_str(a, &b));
  }
  qsort(lines.data, (size_t)lines.len, sizeof(void *), by_text);
  uint64_t h = 0xcbf29ce484222325ULL;
  for (int i = 0; i < lines.len; i++)
    h = fnv(h, lines.data[i]);
  return h;
}

static Entry *fn_entry(SummaryTable *st, const char *unit, const SFn *sf) {
  return entry_add(st, sf->is_static ? unit : NULL, sf->name);
}

static const UnitFacts *prior_of(const SummaryTable *st, const char *unit) {
  for (int i = st->prior.len - 1; i >= 0; i--) {
    const UnitFacts *uf = st->prior.data[i];
    if (strcmp(uf->unit, unit) == 0) return uf;
  }
  return NULL;
}

static const SFn *sfn_in(const UnitFacts *uf, const SFn *sf) {
  for (int k = 0; uf && k < uf->sfns.len; k++) {
    const SFn *o = uf->sfns.data[k];
    if (o->is_static == sf->is_static && strcmp(o->name, sf->name) == 0) return o;
  }
  return NULL;
}

/* The facts the entries recorded: a read unit's own, a parsed unit's
   from its previous record. Whether they are still the pass's result:
   every record was computed from these profiles. */
static bool apply_recorded(SummaryTable *st, SFn **fns, const char **unit, int n, uint64_t d) {
  bool valid = true;
  for (int i = 0; i < st->facts.len; i++) {
    const UnitFacts *uf = st->facts.data[i];
    const UnitFacts *rec = uf->read ? uf : prior_of(st, uf->unit);
    valid = valid && rec && rec->sdigest == d;
  }
  for (int i = 0; i < n; i++) {
    const SFn *o = fns[i]->f ? sfn_in(prior_of(st, unit[i]), fns[i]) : fns[i];
    Entry *e = fn_entry(st, unit[i], fns[i]);
    e->gfacts = o ? o->gfacts : NULL;
    e->ngfacts = o ? o->ngfacts : 0;
  }
  return valid;
}

/* In a whole program that parsed cleanly: the global fields main sets up
   before calling the functions that read them (startup.c). */
static void gather_startup(SummaryTable *st, Arena *a, Node *nodes, int n, const Vec *skipped,
                           const RuleSet *rs) {
  add_profiles(st, nodes, n, skipped, rs);
  bool program = false, clean = true;
  int nf = 0;
  Vec keys = {0};
  for (int i = 0; i < st->facts.len; i++) {
    const UnitFacts *uf = st->facts.data[i];
    program = program || uf->main;
    clean = clean && uf->clean;
    nf += uf->sfns.len;
    for (int k = 0; k < uf->skeys.len; k++)
      vec_push(a, &keys, uf->skeys.data[k]);
  }
  st->sdigest = 0;
  if (!st->whole_program || !program || !clean || keys.len == 0) return;
  SPass sp = {.st = st};
  SFn **sfs = ARENA_ARRAY(a, SFn *, nf + 1);
  const char **unit = ARENA_ARRAY(a, const char *, nf + 1);
  nf = 0;
  for (int i = 0; i < st->facts.len; i++) {
    const UnitFacts *uf = st->facts.data[i];
    for (int k = 0; k < uf->sfns.len; k++) {
      SFn *sf = uf->sfns.data[k];
      unit[nf] = uf->unit;
      if (sf->is_static) {
        const char *key = static_key(a, uf->unit, sf->name);
        if (!map_get(&sp.statics, str_hash(key), key, str_eq))
          map_put(a, &sp.statics, str_hash(key), key, (void *)(intptr_t)(nf + 1), str_eq);
      } else if (!map_get(&sp.externs, str_hash(sf->name), sf->name, str_eq)) {
        map_put(a, &sp.externs, str_hash(sf->name), sf->name, (void *)(intptr_t)(nf + 1), str_eq);
      }
      sfs[nf++] = sf;
    }
  }
  StartupFn *fns = ARENA_ARRAY(a, StartupFn, nf + 1);
  StartupMain *mains = ARENA_ARRAY(a, StartupMain, nf + 1);
  bool *is_main = ARENA_ARRAY(a, bool, nf + 1), *need = ARENA_ARRAY(a, bool, nf + 1);
  int nmains = 0;
  for (int i = 0; i < nf; i++) {
    const SFn *sf = sfs[i];
    int *succ = ARENA_ARRAY(a, int, sf->pr.calls.len + sf->pr.args.len + 1);
    int ns = resolve_all(&sp, a, unit[i], &sf->pr.calls, i, true, succ, 0);
    ns = resolve_all(&sp, a, unit[i], &sf->pr.args, i, false, succ, ns);
    fns[i] = (StartupFn){.f = sf->f,
                         .u = sf->u,
                         .profile = &sf->pr,
                         .closed = fn_closed(st, sf),
                         .succ = succ,
                         .nsucc = ns};
    is_main[i] = !sf->is_static && strcmp(sf->name, "main") == 0;
    if (is_main[i] && sf->f) mains[nmains++] = (StartupMain){sf->f, sf->u};
  }
  st->sdigest = profiles_digest(st, a, sfs, unit, nf);
  startup_effect_set(fns, nf, is_main, &keys, a, need);
  /* Code the pass follows that was parsed and is not what the records
     were computed from. */
  bool missing = false, parsed_changed = false;
  for (int i = 0; i < nf; i++) {
    const SFn *o = fns[i].f && need[i] ? sfn_in(prior_of(st, unit[i]), sfs[i]) : NULL;
    missing = missing || (need[i] && !fns[i].f);
    parsed_changed = parsed_changed || (need[i] && fns[i].f && (!o || o->fp != sfs[i]->fp));
  }
  if (!missing) {
    Resolver r = {&sp, a};
    startup_facts(a, &st->arena, fns, nf, mains, nmains, resolve_fn, &r);
    for (int i = 0; i < nf; i++) {
      Entry *e = fn_entry(st, unit[i], sfs[i]);
      e->gfacts = fns[i].facts;
      e->ngfacts = fns[i].nfacts;
    }
    return;
  }
  if (apply_recorded(st, sfs, unit, nf, st->sdigest) && !parsed_changed) return;
  /* The code the pass needs, from units not parsed. */
  Map named = {0};
  for (int i = 0; i < nf; i++) {
    if (!need[i] || fns[i].f || map_get(&named, str_hash(unit[i]), unit[i], str_eq)) continue;
    map_put(a, &named, str_hash(unit[i]), unit[i], (void *)1, str_eq);
    vec_push(&st->arena, &st->startup_need, (void *)unit[i]);
  }
}

int summary_startup_needs(const SummaryTable *st, const char *const **units) {
  *units = (const char *const *)st->startup_need.data;
  return st->startup_need.len;
}

static bool rule_same(const FuncRule *a, const FuncRule *b) {
  if (!a || !b) return a == b;
  if (a->noreturn != b->noreturn || a->nacquires != b->nacquires || a->nreleases != b->nreleases ||
      a->ntransfers != b->ntransfers || a->escape_mask != b->escape_mask ||
      a->escape_deref_mask != b->escape_deref_mask || a->borrow_mask != b->borrow_mask ||
      a->ret_fixed != b->ret_fixed || a->derefs_args != b->derefs_args ||
      a->ret_value != b->ret_value || !a->releases_own != !b->releases_own ||
      (a->releases_own && strcmp(a->releases_own, b->releases_own) != 0))
    return false;
  for (int i = 0; i < a->nacquires; i++) {
    const Acquire *p = &a->acquires[i], *q = &b->acquires[i];
    if (p->kind != q->kind || !target_equal(&p->target, &q->target) ||
        p->when.always != q->when.always || p->when.op != q->when.op ||
        p->when.value != q->when.value || p->when.on_target != q->when.on_target)
      return false;
  }
  for (int i = 0; i < a->nreleases; i++) {
    const Release *p = &a->releases[i], *q = &b->releases[i];
    if (strcmp(p->family, q->family) != 0 || p->partial != q->partial ||
        !target_equal(&p->target, &q->target))
      return false;
  }
  for (int i = 0; i < a->ntransfers; i++) {
    const Transfer *p = &a->transfers[i], *q = &b->transfers[i];
    if (p->to != q->to || p->forget_on_failure != q->forget_on_failure ||
        !target_equal(&p->from, &q->from))
      return false;
  }
  return true;
}

static void set_rule(SummaryTable *st, Entry *e, FuncRule *r) {
  if (!e->rule && r) st->nrules++;
  if (e->rule && !r) st->nrules--;
  e->rule = r;
}

/* Summarizes one strongly connected component: once when it is a single
   function that does not call itself, else until nothing changes (at most
   a few rounds; what is left then is what the last round computed). Only
   the component's own entries are written; st->nrules is recounted when
   every component is done. */
static void solve_scc(const SummaryTable *st, Arena *out, Node *nodes, const int *scc, int n,
                      const RuleSet *rs, const EngineOptions *o) {
  bool recursive = n > 1 || nodes[scc[0]].self_loop;
  for (int round = 0; round < (recursive ? 4 : 1); round++) {
    bool changed = false;
    for (int i = 0; i < n; i++) {
      Node *nd = &nodes[scc[i]];
      nd->calls = (Vec){0};
      FuncRule *r =
          summarize(st, out, nd->f, nd->u, rs, o, &nd->calls, &nd->complete, &nd->stopped);
      if (!rule_same(r, nd->e->rule)) changed = true;
      nd->e->rule = r;
    }
    if (!changed) break;
  }
}

/* The components of the call graph, callees before callers. */
typedef struct Sccs {
  int *members; /* node ids, component after component */
  int *start;   /* component c is members[start[c] .. start[c + 1]) */
  int n;
} Sccs;

/* Tarjan's algorithm without recursion (call graphs can be deep); a
   component is complete, and numbered, only after every component it
   calls. Node.scc gets each node's component. */
static void tarjan(Arena *a, Node *nodes, int n, Sccs *out) {
  int *stack = ARENA_ARRAY(a, int, n + 1), sp = 0;
  int *cs = ARENA_ARRAY(a, int, n + 1), csp = 0; /* call stack: node */
  int *ci = ARENA_ARRAY(a, int, n + 1);          /* ... and next successor */
  int index = 0, nmembers = 0;
  out->members = ARENA_ARRAY(a, int, n + 1);
  out->start = ARENA_ARRAY(a, int, n + 2);
  out->n = 0;
  for (int i = 0; i < n; i++)
    nodes[i].index = -1;
  for (int root = 0; root < n; root++) {
    if (nodes[root].index >= 0) continue;
    cs[csp] = root;
    ci[csp++] = 0;
    nodes[root].index = nodes[root].low = index++;
    stack[sp++] = root;
    nodes[root].on_stack = true;
    while (csp) {
      int v = cs[csp - 1];
      Node *nv = &nodes[v];
      if (ci[csp - 1] < nv->nsucc) {
        int w = nv->succ[ci[csp - 1]++];
        if (nodes[w].index < 0) {
          nodes[w].index = nodes[w].low = index++;
          stack[sp++] = w;
          nodes[w].on_stack = true;
          cs[csp] = w;
          ci[csp++] = 0;
        } else if (nodes[w].on_stack && nodes[w].index < nv->low) {
          nv->low = nodes[w].index;
        }
        continue;
      }
      if (nv->low == nv->index) {
        out->start[out->n] = nmembers;
        int k = sp;
        do {
          nodes[stack[--k]].on_stack = false;
          nodes[stack[k]].scc = out->n;
          out->members[nmembers++] = stack[k];
        } while (stack[k] != v);
        out->n++;
        sp = k;
      }
      csp--;
      if (csp) {
        Node *parent = &nodes[cs[csp - 1]];
        if (nv->low < parent->low) parent->low = nv->low;
      }
    }
  }
  out->start[out->n] = nmembers;
}

/*
 * Solving components on worker threads. A component is ready once every
 * component it calls is solved; workers take ready ones from a shared
 * stack under one mutex. Each component's summaries depend only on those
 * of its callees, which are final when it starts, so the result is the
 * same whatever the order and the number of workers. Each worker allocates
 * its summaries in an arena of its own, which the table keeps.
 */
typedef struct Sched {
  const SummaryTable *st;
  Node *nodes;
  const Sccs *sccs;
  const RuleSet *rs;
  const EngineOptions *o;
  int **callers; /* per component: the components calling it */
  int *ncallers;
  int *pending; /* per component: callee components not yet solved */
  int *ready, nready, ndone;
  pthread_mutex_t mu;
  pthread_cond_t cv;
} Sched;

typedef struct SchedWorker {
  Sched *s;
  Arena *out;
} SchedWorker;

static void *sched_worker(void *arg) {
  SchedWorker *w = arg;
  Sched *s = w->s;
  pthread_mutex_lock(&s->mu);
  for (;;) {
    while (s->nready == 0 && s->ndone < s->sccs->n)
      pthread_cond_wait(&s->cv, &s->mu);
    if (s->nready == 0) break;
    int c = s->ready[--s->nready];
    pthread_mutex_unlock(&s->mu);
    const Sccs *g = s->sccs;
    solve_scc(s->st, w->out, s->nodes, &g->members[g->start[c]], g->start[c + 1] - g->start[c],
              s->rs, s->o);
    pthread_mutex_lock(&s->mu);
    s->ndone++;
    for (int i = 0; i < s->ncallers[c]; i++)
      if (--s->pending[s->callers[c][i]] == 0) s->ready[s->nready++] = s->callers[c][i];
    pthread_cond_broadcast(&s->cv);
  }
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

static void solve_all(SummaryTable *st, Arena *a, Node *nodes, const Sccs *g, const RuleSet *rs,
                      const EngineOptions *o, int jobs) {
  Sched s = {.st = st, .nodes = nodes, .sccs = g, .rs = rs, .o = o};
  int n = g->n;
  s.callers = ARENA_ARRAY(a, int *, n + 1);
  s.ncallers = ARENA_ARRAY(a, int, n + 1);
  s.pending = ARENA_ARRAY(a, int, n + 1);
  s.ready = ARENA_ARRAY(a, int, n + 1);
  /* Edges between components, each counted once per (caller, callee). */
  int *mark = ARENA_ARRAY(a, int, n + 1);
  Vec *callers = ARENA_ARRAY(a, Vec, n + 1);
  for (int c = 0; c < n; c++)
    mark[c] = -1;
  for (int c = 0; c < n; c++)
    for (int m = g->start[c]; m < g->start[c + 1]; m++) {
      const Node *nd = &nodes[g->members[m]];
      for (int k = 0; k < nd->nsucc; k++) {
        int d = nodes[nd->succ[k]].scc;
        if (d == c || mark[d] == c) continue;
        mark[d] = c;
        s.pending[c]++;
        vec_push(a, &callers[d], (void *)(intptr_t)c);
      }
    }
  for (int c = 0; c < n; c++) {
    s.ncallers[c] = callers[c].len;
    s.callers[c] = ARENA_ARRAY(a, int, callers[c].len + 1);
    for (int k = 0; k < callers[c].len; k++)
      s.callers[c][k] = (int)(intptr_t)callers[c].data[k];
  }
  /* Ready components are taken last-in first-out; push them so that the
     first taken is the first Tarjan completed. */
  for (int c = n - 1; c >= 0; c--)
    if (s.pending[c] == 0) s.ready[s.nready++] = c;

  if (jobs < 1) jobs = 1;
  if (jobs > n) jobs = n > 0 ? n : 1;
  Arena *outs = ARENA_ARRAY(&st->arena, Arena, jobs);
  SchedWorker *ws = ARENA_ARRAY(a, SchedWorker, jobs);
  pthread_t *t = ARENA_ARRAY(a, pthread_t, jobs);
  bool *started = ARENA_ARRAY(a, bool, jobs);
  pthread_mutex_init(&s.mu, NULL);
  pthread_cond_init(&s.cv, NULL);
  for (int i = 0; i < jobs; i++) {
    arena_init(&outs[i]);
    ws[i] = (SchedWorker){&s, &outs[i]};
  }
  /* The engine recurses on expressions, which lowering keeps under
     LOWER_MAX_DEPTH levels; 64 MiB leaves a wide margin over what that takes. */
  pthread_attr_t at;
  bool attr = pthread_attr_init(&at) == 0 && pthread_attr_setstacksize(&at, 64u << 20) == 0;
  for (int i = 1; i < jobs; i++)
    started[i] = pthread_create(&t[i], attr ? &at : NULL, sched_worker, &ws[i]) == 0;
  if (attr) pthread_attr_destroy(&at);
  sched_worker(&ws[0]);
  for (int i = 1; i < jobs; i++)
    if (started[i]) pthread_join(t[i], NULL);
  pthread_cond_destroy(&s.cv);
  pthread_mutex_destroy(&s.mu);
  for (int i = 0; i < jobs; i++)
    vec_push(&st->arena, &st->outs, &outs[i]);
}

void summary_compute(SummaryTable *st, Unit **units, int nunits, const RuleSet *rs,
                     const EngineOptions *o) {
  summary_compute_jobs(st, units, nunits, rs, o, 1);
}

static Node *skip_node(Arena *a, const Unit *u, const Func *f) {
  Node *nd = ARENA_NEW(a, Node);
  nd->u = u;
  nd->f = f;
  return nd;
}

void summary_compute_jobs(SummaryTable *st, Unit **units, int nunits, const RuleSet *rs,
                          const EngineOptions *o, int jobs) {
  EngineOptions defaults;
  if (!o) {
    engine_default_options(&defaults);
    o = &defaults;
  }
  Arena a;
  arena_init(&a);
  int n = 0;
  for (int i = 0; i < nunits; i++)
    n += units[i] ? units[i]->nfuncs : 0;
  Node *nodes = ARENA_ARRAY(&a, Node, n + 1);
  Vec skipped = {0};
  n = 0;
  for (int i = 0; i < nunits; i++) {
    if (!units[i]) continue;
    /* The declaration index is built on first use: build it now, before
       workers share the unit. */
    unit_find_decl(units[i], "");
    for (int k = 0; k < units[i]->nfuncs; k++) {
      const Func *f = units[i]->funcs[k];
      Entry *e;
      if (f->is_static) {
        e = entry_add(st, units[i]->path, f->name);
      } else {
        e = entry_add(st, NULL, f->name);
        if (e->node >= 0 || e->rule || e->defined) {
          /* Two external definitions (two programs, or a conflict): no
             summary can speak for both. */
          e->ambiguous = true;
          set_rule(st, e, NULL);
          vec_push(&a, &skipped, skip_node(&a, units[i], f));
          continue;
        }
      }
      if (e->node >= 0) { /* the same static name twice in one unit: keep the first */
        vec_push(&a, &skipped, skip_node(&a, units[i], f));
        continue;
      }
      e->node = n;
      nodes[n++] = (Node){.f = f, .u = units[i], .e = e};
    }
  }
  build_graph(st, &a, nodes, n, rs);
  Sccs g;
  tarjan(&a, nodes, n, &g);
  solve_all(st, &a, nodes, &g, rs, o, jobs);
  gather_preconditions(st, &a, nodes, n, units, nunits, &skipped);
  gather_failure_uses(st, &a, nodes, n, rs);
  program_failure_uses(st);
  gather_startup(st, &a, nodes, n, &skipped, rs);
  for (int i = 0; i < n; i++)
    nodes[i].e->stopped = nodes[i].stopped ? arena_strdup(&st->arena, nodes[i].stopped) : NULL;
  for (int i = 0; i < n; i++) {
    nodes[i].e->node = -1;
    if (nodes[i].e->ambiguous) nodes[i].e->rule = NULL;
  }
  st->nrules = 0;
  for (int i = 0; i < st->cap; i++)
    st->nrules += st->slots[i] && st->slots[i]->rule;
  arena_free(&a);
}

/* ---- Text form ------------------------------------------------------------------ */

/* Names and paths are written as one token: spaces and '%' are escaped. */
static void put_token(Arena *a, Buf *out, const char *s) {
  for (; *s; s++) {
    if (*s == ' ' || *s == '%' || *s == '\n' || *s == '\t')
      buf_printf(a, out, "%%%02x", (unsigned char)*s);
    else
      buf_putc(a, out, *s);
  }
}

static void put_target(Arena *a, Buf *out, const Target *t) {
  if (t->arg == TARGET_RET)
    buf_puts(a, out, "ret");
  else
    buf_printf(a, out, "arg%d", t->arg);
  for (int i = 0; i < t->nsteps; i++) {
    const TargetStep *s = &t->steps[i];
    if (s->kind == STEP_DEREF)
      buf_puts(a, out, ":*");
    else if (s->kind == STEP_FIELD)
      buf_printf(a, out, ":.%s", s->field);
    else
      buf_printf(a, out, ":[%ld]", s->index);
  }
}

static int entry_order(const void *pa, const void *pb) {
  const Entry *a = *(Entry *const *)pa, *b = *(Entry *const *)pb;
  int c = strcmp(a->name, b->name);
  if (c) return c;
  return strcmp(a->unit ? a->unit : "", b->unit ? b->unit : "");
}

/* The clauses a rule may carry besides acquisitions, releases and moves,
   each only when set: a cached run must read back every field of the
   FuncRule a summary computed (test_cache checks each one). */
static void write_more(const FuncRule *r, Buf *out, Arena *a) {
  if (r->ret_fixed) buf_printf(a, out, "ret %ld\n", r->ret_value);
  if (r->borrow_all) buf_puts(a, out, "borrow-all\n");
  if (r->hands_back)
    buf_printf(a, out, "hands-back %d%s\n", r->hands_back_arg,
               r->hands_back_in_place ? " in-place" : "");
  if (r->ref_mask) buf_printf(a, out, "refs %x\n", r->ref_mask);
  if (r->derefs_args) buf_printf(a, out, "derefs %x\n", r->derefs_args);
  if (r->owns_elements) buf_printf(a, out, "owns-elements %d\n", r->owns_if_arg);
  if (r->permanent) buf_puts(a, out, "permanent\n");
  if (r->leaves_locked) buf_puts(a, out, "leaves-locked\n");
  if (r->returns_arg) buf_printf(a, out, "returns %d\n", r->returns_arg);
  if (r->ret_when) {
    buf_printf(a, out, "ret-when %ld %d ", r->ret_when_value, r->ret_when_arg);
    for (int i = 0; i < r->ret_when_n; i++)
      buf_printf(a, out, "%s%ld", i ? "," : "", r->ret_when_vals[i]);
    buf_puts(a, out, r->ret_when_n ? "\n" : "-\n");
  }
  if (r->ret_range) buf_printf(a, out, "ret-range %ld %ld\n", r->ret_lo, r->ret_hi);
  if (r->has_set) {
    buf_puts(a, out, "set ");
    put_target(a, out, &r->set_dst);
    buf_printf(a, out, " %d\n", r->set_src);
  }
  if (r->has_unless) {
    buf_puts(a, out, "unless ");
    put_target(a, out, &r->unless_at);
    buf_printf(a, out, " %s %ld\n", cmp_op_str(r->unless_op), r->unless_c);
  }
  if (r->runs) buf_printf(a, out, "runs %d\n", r->runs_arg);
  for (int k = 0; k < r->nstores; k++) {
    const Store *q = &r->stores[k];
    buf_puts(a, out, "store ");
    put_target(a, out, &q->what);
    buf_printf(a, out, " %d %d ", q->in, q->if_arg);
    for (int i = 0; i < q->nif; i++)
      buf_printf(a, out, "%s%ld", i ? "," : "", q->if_vals[i]);
    buf_puts(a, out, q->nif ? "\n" : "-\n");
  }
}

/* One func ... end block; r NULL writes `none`: a definition without a
   summary, which still makes a second definition of the name ambiguous. */
static void write_block(const FuncRule *r, const char *name, Loc loc, const char *unit, Buf *out,
                        Arena *a) {
  buf_puts(a, out, "func ");
  put_token(a, out, name);
  buf_putc(a, out, ' ');
  put_token(a, out, loc.file ? loc.file : "?");
  buf_printf(a, out, " %d", loc.line);
  if (unit) {
    buf_puts(a, out, " static ");
    put_token(a, out, unit);
  }
  buf_putc(a, out, '\n');
  if (!r) {
    buf_puts(a, out, "none\nend\n");
    return;
  }
  for (int k = 0; k < r->nacquires; k++) {
    const Acquire *q = &r->acquires[k];
    buf_printf(a, out, "acquire %s ", q->kind->id);
    put_target(a, out, &q->target);
    if (q->when.always)
      buf_puts(a, out, " always");
    else
      buf_printf(a, out, " %s %ld%s", cmp_op_str(q->when.op), q->when.value,
                 q->when.on_target ? " on_target" : "");
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < r->nreleases; k++) {
    const Release *q = &r->releases[k];
    buf_printf(a, out, "release %s ", q->family);
    put_target(a, out, &q->target);
    if (q->partial) buf_puts(a, out, " partial");
    if (q->conditional) buf_printf(a, out, " when %s %ld", cmp_op_str(q->when.op), q->when.value);
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < r->ntransfers; k++) {
    buf_puts(a, out, "move ");
    put_target(a, out, &r->transfers[k].from);
    buf_printf(a, out, " %d%s\n", r->transfers[k].to,
               r->transfers[k].forget_on_failure ? " forget" : "");
  }
  buf_printf(a, out, "borrow %x\nescape %x\n", r->borrow_mask, r->escape_mask);
  if (r->escape_deref_mask) buf_printf(a, out, "escape-deref %x\n", r->escape_deref_mask);
  if (r->noreturn) buf_puts(a, out, "noreturn\n");
  if (r->releases_own) buf_printf(a, out, "release-own %s\n", r->releases_own);
  write_more(r, out, a);
  buf_puts(a, out, "end\n");
}

void summary_write(const SummaryTable *st, Buf *out, Arena *a) {
  Entry **v = ARENA_ARRAY(a, Entry *, st->n + 1);
  int n = 0;
  for (int i = 0; i < st->cap; i++)
    if (st->slots[i] && st->slots[i]->rule && !st->slots[i]->ambiguous) v[n++] = st->slots[i];
  qsort(v, (size_t)n, sizeof *v, entry_order);
  buf_puts(a, out, "# connlint summaries 1\n");
  for (int i = 0; i < n; i++)
    write_block(v[i]->rule, v[i]->rule->name, v[i]->rule->loc, v[i]->unit, out, a);
}

void summary_write_rule(const FuncRule *r, Buf *out, Arena *a) {
  if (r) write_block(r, r->name, r->loc, NULL, out, a);
}

void summary_write_unit(const SummaryTable *st, const Unit *u, Buf *out, Arena *a) {
  for (int k = 0; k < u->nfuncs; k++) {
    const Func *f = u->funcs[k];
    bool dup = false; /* a static name defined twice: the first one counts */
    for (int j = 0; j < k && !dup; j++)
      dup = strcmp(u->funcs[j]->name, f->name) == 0;
    if (dup) continue;
    const char *unit = f->is_static ? u->path : NULL;
    const Entry *e = entry_get(st, unit, f->name);
    const FuncRule *r = e && !e->ambiguous ? e->rule : NULL;
    write_block(r, f->name, r ? r->loc : f->loc, unit, out, a);
  }
}

typedef struct Reader {
  SummaryTable *st;
  const RuleSet *rs;
  char *err;
  int errlen, line;
  char *tok[8];
  int ntok;
  bool ok_more; /* read_more's verdict on a clause it knew */
  Vec stores;   /* Store *: of the func being read */
} Reader;

static bool read_fail(Reader *r, const char *what) {
  snprintf(r->err, (size_t)r->errlen, "line %d: %s", r->line, what);
  return false;
}

static char *get_token(Reader *r, const char *s) {
  char *t = arena_strdup(&r->st->arena, s);
  char *w = t;
  for (const char *p = t; *p; p++) {
    unsigned c;
    if (*p == '%' && sscanf(p + 1, "%2x", &c) == 1) {
      *w++ = (char)c;
      p += 2;
    } else {
      *w++ = *p;
    }
  }
  *w = '\0';
  return t;
}

static bool parse_target(Reader *r, const char *s, Target *t) {
  memset(t, 0, sizeof *t);
  char *copy = arena_strdup(&r->st->arena, s);
  char *step = strtok(copy, ":");
  if (!step) return read_fail(r, "missing target");
  if (strcmp(step, "ret") == 0)
    t->arg = TARGET_RET;
  else if (sscanf(step, "arg%d", &t->arg) != 1 || t->arg < 0 || t->arg >= 32)
    return read_fail(r, "bad target");
  while ((step = strtok(NULL, ":"))) {
    if (t->nsteps == TARGET_MAX_STEPS) return read_fail(r, "target too deep");
    TargetStep *ts = &t->steps[t->nsteps++];
    if (strcmp(step, "*") == 0)
      ts->kind = STEP_DEREF;
    else if (step[0] == '.' && step[1]) {
      ts->kind = STEP_FIELD;
      ts->field = step + 1;
    } else if (step[0] == '[' && sscanf(step, "[%ld]", &ts->index) == 1)
      ts->kind = STEP_INDEX;
    else
      return read_fail(r, "bad target step");
  }
  return true;
}

static bool parse_op(const char *s, CmpOp *op) {
  static const char *ops[] = {"==", "!=", "<", "<=", ">", ">="};
  static const CmpOp vals[] = {CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE};
  for (int i = 0; i < 6; i++)
    if (strcmp(s, ops[i]) == 0) {
      *op = vals[i];
      return true;
    }
  return false;
}

/* write_more's clauses: true when k is one of them (r->ok_more then says
   whether it read). */
/* A comma-separated list of numbers, or "-" for none; returns the count. */
static int read_longs(Arena *a, const char *tok, long **out) {
  Vec vals = {0};
  char *copy = arena_strdup(a, tok);
  for (char *v = strcmp(copy, "-") ? strtok(copy, ",") : NULL; v; v = strtok(NULL, ",")) {
    long *x = ARENA_NEW(a, long);
    *x = strtol(v, NULL, 10);
    vec_push(a, &vals, x);
  }
  *out = ARENA_ARRAY(a, long, vals.len + 1);
  for (int i = 0; i < vals.len; i++)
    (*out)[i] = *(long *)vals.data[i];
  return vals.len;
}

static bool read_more(Reader *r, FuncRule *f) {
  Arena *a = &r->st->arena;
  const char *k = r->tok[0];
  int n = r->ntok;
  bool ok = true;
  if (strcmp(k, "ret") == 0 && n == 2) {
    f->ret_fixed = true;
    ok = sscanf(r->tok[1], "%ld", &f->ret_value) == 1;
  } else if (strcmp(k, "borrow-all") == 0 && n == 1) {
    f->borrow_all = true;
  } else if (strcmp(k, "hands-back") == 0 && (n == 2 || n == 3)) {
    f->hands_back = true;
    f->hands_back_arg = atoi(r->tok[1]);
    f->hands_back_in_place = n == 3 && strcmp(r->tok[2], "in-place") == 0;
  } else if (strcmp(k, "refs") == 0 && n == 2) {
    f->ref_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "derefs") == 0 && n == 2) {
    f->derefs_args = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "owns-elements") == 0 && n == 2) {
    f->owns_elements = true;
    f->owns_if_arg = atoi(r->tok[1]);
  } else if (strcmp(k, "permanent") == 0 && n == 1) {
    f->permanent = true;
  } else if (strcmp(k, "leaves-locked") == 0 && n == 1) {
    f->leaves_locked = true;
  } else if (strcmp(k, "returns") == 0 && n == 2) {
    f->returns_arg = atoi(r->tok[1]);
  } else if (strcmp(k, "ret-when") == 0 && n == 4) {
    f->ret_when = true;
    ok = sscanf(r->tok[1], "%ld", &f->ret_when_value) == 1;
    f->ret_when_arg = atoi(r->tok[2]);
    f->ret_when_n = read_longs(a, r->tok[3], &f->ret_when_vals);
  } else if (strcmp(k, "ret-range") == 0 && n == 3) {
    f->ret_range = true;
    ok = sscanf(r->tok[1], "%ld", &f->ret_lo) == 1 && sscanf(r->tok[2], "%ld", &f->ret_hi) == 1;
  } else if (strcmp(k, "set") == 0 && n == 3) {
    f->has_set = true;
    ok = parse_target(r, r->tok[1], &f->set_dst);
    f->set_src = atoi(r->tok[2]);
  } else if (strcmp(k, "unless") == 0 && n == 4) {
    f->has_unless = true;
    ok = parse_target(r, r->tok[1], &f->unless_at) && parse_op(r->tok[2], &f->unless_op) &&
         sscanf(r->tok[3], "%ld", &f->unless_c) == 1;
  } else if (strcmp(k, "runs") == 0 && n == 2) {
    f->runs = true;
    f->runs_arg = atoi(r->tok[1]);
  } else if (strcmp(k, "store") == 0 && n == 5) {
    Store *q = ARENA_NEW(a, Store);
    ok = parse_target(r, r->tok[1], &q->what);
    q->in = atoi(r->tok[2]);
    q->if_arg = atoi(r->tok[3]);
    q->nif = read_longs(a, r->tok[4], &q->if_vals);
    vec_push(a, &r->stores, q);
  } else {
    return false;
  }
  r->ok_more = ok || read_fail(r, "bad clause");
  return true;
}

/* One statement inside a func block. */
static bool read_clause(Reader *r, FuncRule *f, Vec *acq, Vec *rel, Vec *mov) {
  Arena *a = &r->st->arena;
  const char *k = r->tok[0];
  if (strcmp(k, "acquire") == 0 && r->ntok >= 4) {
    Acquire *q = ARENA_NEW(a, Acquire);
    if (!(q->kind = rules_find_kind(r->rs, r->tok[1])))
      return read_fail(r, "unknown resource kind");
    if (!parse_target(r, r->tok[2], &q->target)) return false;
    if (strcmp(r->tok[3], "always") == 0)
      q->when.always = true;
    else if (r->ntok < 5 || !parse_op(r->tok[3], &q->when.op) ||
             sscanf(r->tok[4], "%ld", &q->when.value) != 1)
      return read_fail(r, "bad success condition");
    q->when.on_target = r->ntok > 5 && strcmp(r->tok[5], "on_target") == 0;
    vec_push(a, acq, q);
  } else if (strcmp(k, "release") == 0 && r->ntok >= 3) {
    Release *q = ARENA_NEW(a, Release);
    q->family = arena_strdup(a, r->tok[1]);
    if (!parse_target(r, r->tok[2], &q->target)) return false;
    int i = 3;
    q->partial = r->ntok > i && strcmp(r->tok[i], "partial") == 0;
    i += q->partial;
    if (r->ntok > i && strcmp(r->tok[i], "when") == 0) {
      q->conditional = true;
      if (r->ntok < i + 3 || !parse_op(r->tok[i + 1], &q->when.op) ||
          sscanf(r->tok[i + 2], "%ld", &q->when.value) != 1)
        return read_fail(r, "bad release condition");
    }
    vec_push(a, rel, q);
  } else if (strcmp(k, "move") == 0 && (r->ntok == 3 || r->ntok == 4)) {
    Transfer *t = ARENA_NEW(a, Transfer);
    if (!parse_target(r, r->tok[1], &t->from)) return false;
    t->to = atoi(r->tok[2]);
    t->forget_on_failure = r->ntok == 4 && strcmp(r->tok[3], "forget") == 0;
    vec_push(a, mov, t);
  } else if (strcmp(k, "borrow") == 0 && r->ntok == 2) {
    f->borrow_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "escape") == 0 && r->ntok == 2) {
    f->escape_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "escape-deref") == 0 && r->ntok == 2) {
    f->escape_deref_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "noreturn") == 0) {
    f->noreturn = true;
  } else if (strcmp(k, "none") == 0) {
    f->pack = NULL; /* marks a definition without a summary */
  } else if (strcmp(k, "release-own") == 0 && r->ntok == 2) {
    f->releases_own = arena_strdup(a, r->tok[1]);
  } else if (read_more(r, f)) {
    return r->ok_more;
  } else {
    return read_fail(r, "unknown statement");
  }
  return true;
}

/* The line at *p, copied into a; *p moves past it. */
static char *take_line(Arena *a, const char **p) {
  const char *e = strchr(*p, '\n');
  size_t len = e ? (size_t)(e - *p) : strlen(*p);
  char *line = arena_strndup(a, *p, len);
  *p += len + (e ? 1 : 0);
  return line;
}

int summary_read(SummaryTable *st, const RuleSet *rs, const char *text, char *err, int errlen) {
  Reader r = {st, rs, err, errlen, 0, {0}, 0, false, {0}};
  FuncRule *f = NULL;
  const char *unit = NULL;
  Vec acq = {0}, rel = {0}, mov = {0};
  Arena *a = &st->arena;
  for (const char *p = text; *p;) {
    char *line = take_line(a, &p);
    r.line++;
    r.ntok = 0;
    for (char *t = strtok(line, " \t\r"); t && r.ntok < 8; t = strtok(NULL, " \t\r"))
      r.tok[r.ntok++] = t;
    if (r.ntok == 0 || r.tok[0][0] == '#') continue;
    if (strcmp(r.tok[0], "func") == 0) {
      if (f || r.ntok < 4) return read_fail(&r, "bad func line"), -1;
      f = ARENA_NEW(a, FuncRule);
      f->name = get_token(&r, r.tok[1]);
      f->loc.file = get_token(&r, r.tok[2]);
      f->loc.line = atoi(r.tok[3]);
      f->pack = "summary";
      f->from_summary = true;
      unit = r.ntok >= 6 && strcmp(r.tok[4], "static") == 0 ? get_token(&r, r.tok[5]) : NULL;
      acq = (Vec){0};
      rel = (Vec){0};
      mov = (Vec){0};
      r.stores = (Vec){0};
    } else if (strcmp(r.tok[0], "end") == 0) {
      if (!f) return read_fail(&r, "end without func"), -1;
      f->nacquires = acq.len;
      f->acquires = vec_items(a, &acq, sizeof(Acquire));
      f->nreleases = rel.len;
      f->releases = vec_items(a, &rel, sizeof(Release));
      f->ntransfers = mov.len;
      f->transfers = vec_items(a, &mov, sizeof(Transfer));
      f->nstores = r.stores.len;
      f->stores = vec_items(a, &r.stores, sizeof(Store));
      for (int i = 0; i < mov.len; i++)
        if (f->transfers[i].to < 0 || f->transfers[i].to >= f->nacquires)
          return read_fail(&r, "move into an acquisition that does not exist"), -1;
      Entry *en = entry_add(st, unit, f->name);
      if (!unit && (en->rule || en->defined)) {
        /* a second external definition: as summary_compute decides */
        en->ambiguous = true;
        set_rule(st, en, NULL);
      } else if (!en->ambiguous) {
        set_rule(st, en, f->pack ? f : NULL);
      }
      en->defined = true;
      f = NULL;
    } else if (!f || !read_clause(&r, f, &acq, &rel, &mov)) {
      if (!f) read_fail(&r, "statement outside func");
      return -1;
    }
  }
  if (f) return read_fail(&r, "missing end"), -1;
  st->nread++;
  return 0;
}

/* ---- Whole-program facts of a unit ------------------------------------------ */

static void put_fact(Arena *a, Buf *out, ArgFact f) {
  buf_printf(a, out, " %ld %ld %d", f.lo, f.hi, f.nonzero);
}

/* tested op k nargs, then the use of each argument on each branch. */
static void put_fail_site(Arena *a, Buf *out, const FailSite *fs) {
  buf_printf(a, out, " %d %d %ld %d", fs->tested, (int)fs->op, fs->k, fs->nargs);
  for (int i = 0; i < fs->nargs; i++)
    buf_printf(a, out, " %d %d", fs->use[i][0], fs->use[i][1]);
}

static bool read_fail_site(char **tok, int n, FailSite *fs) {
  if (n < 4) return false;
  *fs = (FailSite){.tested = atoi(tok[0]) != 0,
                   .op = (CmpOp)atoi(tok[1]),
                   .k = strtol(tok[2], NULL, 10),
                   .nargs = atoi(tok[3])};
  if (fs->nargs < 0 || fs->nargs > FAIL_SITE_ARGS || n != 4 + 2 * fs->nargs) return false;
  for (int i = 0; i < fs->nargs; i++)
    for (int b = 0; b < 2; b++) {
      int use = atoi(tok[4 + 2 * i + b]);
      if (use < FAIL_UNKNOWN || use > FAIL_CLEANS) return false;
      fs->use[i][b] = (uint8_t)use;
    }
  return true;
}

static void put_line(Arena *a, Buf *out, const char *tag, const char *token) {
  buf_puts(a, out, tag);
  buf_putc(a, out, ' ');
  put_token(a, out, token);
  buf_putc(a, out, '\n');
}

/* The facts on global fields the table gives a function, one line each. */
static void put_gfacts(const SummaryTable *st, const char *unit, const SFn *sf, Buf *out,
                       Arena *a) {
  const Entry *e = entry_get(st, sf->is_static ? unit : NULL, sf->name);
  for (int i = 0; e && !e->ambiguous && i < e->ngfacts; i++) {
    const GlobalFact *g = &e->gfacts[i];
    buf_puts(a, out, "sfact ");
    put_token(a, out, g->var);
    buf_printf(a, out, " %d", g->nfields);
    for (int k = 0; k < g->nfields; k++) {
      buf_putc(a, out, ' ');
      put_token(a, out, g->fields[k]);
    }
    buf_printf(a, out, " %ld %ld\n", g->lo, g->hi);
  }
}

static void put_sfn(const SummaryTable *st, const char *unit, const SFn *sf, Buf *out, Arena *a) {
  buf_puts(a, out, "sfn ");
  put_token(a, out, sf->name);
  buf_printf(a, out, " %d %d %016llx\n", sf->is_static, sf->local_ok, (unsigned long long)sf->fp);
  for (int k = 0; k < sf->pr.writes.len; k++)
    put_line(a, out, "sw", sf->pr.writes.data[k]);
  for (int k = 0; k < sf->pr.calls.len; k++)
    put_line(a, out, "sc", sf->pr.calls.data[k]);
  for (int k = 0; k < sf->pr.args.len; k++)
    put_line(a, out, "sa", sf->pr.args.data[k]);
  put_gfacts(st, unit, sf, out, a);
}

void summary_write_facts(const SummaryTable *st, const char *unit, Buf *out, Arena *a) {
  const UnitFacts *uf = facts_of(st, unit);
  if (!uf) return;
  buf_printf(a, out, "clean %d\nmain %d\n", uf->clean, uf->main);
  for (int k = 0; k < uf->escaped.len; k++)
    put_line(a, out, "escaped", uf->escaped.data[k]);
  for (int k = 0; k < uf->defs.len; k++) {
    const FactDef *d = uf->defs.data[k];
    buf_puts(a, out, "def ");
    put_token(a, out, d->name);
    buf_printf(a, out, " %d %d %d %d\n", d->nparams, d->local_ok, d->exported, d->hidden);
  }
  for (int k = 0; k < uf->calls.len; k++) {
    const CallFacts *cf = uf->calls.data[k];
    buf_puts(a, out, "call ");
    put_token(a, out, cf->callee);
    buf_printf(a, out, " %d", cf->nargs);
    for (int i = 0; i < cf->nargs; i++)
      put_fact(a, out, cf->args[i]);
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < uf->unknown.len; k++)
    put_line(a, out, "unknown", uf->unknown.data[k]);
  for (int k = 0; k < uf->fails.len; k++) {
    const FailRec *r = uf->fails.data[k];
    buf_puts(a, out, "fail ");
    put_token(a, out, r->callee);
    put_fail_site(a, out, &r->site);
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < uf->sfns.len; k++)
    put_sfn(st, uf->unit, uf->sfns.data[k], out, a);
  for (int k = 0; k < uf->skeys.len; k++)
    put_line(a, out, "skey", uf->skeys.data[k]);
  buf_printf(a, out, "sdigest %016llx\n", (unsigned long long)st->sdigest);
}

/* One `sfact VAR NFIELDS FIELD... LO HI` line (n tokens) onto sf. */
static bool read_sfact(Reader *r, char **tok, int n, SFn *sf) {
  int nf = n >= 3 ? atoi(tok[2]) : -1;
  if (!sf || nf < 1 || nf > STARTUP_MAX_FIELDS || n != 5 + nf) return false;
  GlobalFact *g = ARENA_ARRAY(&r->st->arena, GlobalFact, sf->ngfacts + 1);
  if (sf->ngfacts) memcpy(g, sf->gfacts, sizeof *g * (size_t)sf->ngfacts);
  GlobalFact *x = &g[sf->ngfacts];
  x->var = get_token(r, tok[1]);
  x->nfields = nf;
  for (int i = 0; i < nf; i++)
    x->fields[i] = get_token(r, tok[3 + i]);
  x->lo = strtol(tok[3 + nf], NULL, 10);
  x->hi = strtol(tok[4 + nf], NULL, 10);
  sf->gfacts = g;
  sf->ngfacts++;
  return true;
}

/* The startup pass's lines; false when the line is none of them. */
static bool read_startup_line(Reader *r, UnitFacts *uf, SFn **cur, char **tok, int n, bool *ok) {
  Arena *a = &r->st->arena;
  if (n == 5 && strcmp(tok[0], "sfn") == 0) {
    SFn *sf = ARENA_NEW(a, SFn);
    sf->name = get_token(r, tok[1]);
    sf->is_static = atoi(tok[2]) != 0;
    sf->local_ok = atoi(tok[3]) != 0;
    sf->fp = strtoull(tok[4], NULL, 16);
    vec_push(a, &uf->sfns, sf);
    *cur = sf;
  } else if (n == 2 && (strcmp(tok[0], "sw") == 0 || strcmp(tok[0], "sc") == 0 ||
                        strcmp(tok[0], "sa") == 0)) {
    Vec *v = !*cur              ? NULL
             : tok[0][1] == 'w' ? &(*cur)->pr.writes
             : tok[0][1] == 'c' ? &(*cur)->pr.calls
                                : &(*cur)->pr.args;
    if (v) vec_push(a, v, get_token(r, tok[1]));
    *ok = v != NULL;
  } else if (strcmp(tok[0], "sfact") == 0) {
    *ok = read_sfact(r, tok, n, *cur);
  } else if (n == 2 && strcmp(tok[0], "skey") == 0) {
    vec_push(a, &uf->skeys, get_token(r, tok[1]));
  } else if (n == 2 && strcmp(tok[0], "sdigest") == 0) {
    uf->sdigest = strtoull(tok[1], NULL, 16);
  } else {
    return false;
  }
  return true;
}

static int read_facts(SummaryTable *st, UnitFacts *uf, const char *text, char *err, int errlen) {
  Reader r = {st, NULL, err, errlen, 0, {0}, 0, false, {0}};
  Arena *a = &st->arena;
  SFn *cur = NULL;
  for (const char *p = text; *p;) {
    char *line = take_line(a, &p);
    r.line++;
    char *tok[6 + 3 * CALL_FACT_ARGS + 2 * FAIL_SITE_ARGS];
    int n = 0;
    for (char *t = strtok(line, " "); t && n < (int)(sizeof tok / sizeof tok[0]);
         t = strtok(NULL, " "))
      tok[n++] = t;
    if (n == 0) continue;
    if (n == 2 && strcmp(tok[0], "clean") == 0) {
      uf->clean = atoi(tok[1]) != 0;
    } else if (n == 2 && strcmp(tok[0], "main") == 0) {
      uf->main = atoi(tok[1]) != 0;
    } else if (n == 2 && strcmp(tok[0], "escaped") == 0) {
      vec_push(a, &uf->escaped, get_token(&r, tok[1]));
    } else if (n == 2 && strcmp(tok[0], "unknown") == 0) {
      vec_push(a, &uf->unknown, get_token(&r, tok[1]));
    } else if (n == 6 && strcmp(tok[0], "def") == 0) {
      FactDef *d = ARENA_NEW(a, FactDef);
      *d = (FactDef){get_token(&r, tok[1]), atoi(tok[2]), atoi(tok[3]) != 0, atoi(tok[4]) != 0,
                     atoi(tok[5]) != 0};
      vec_push(a, &uf->defs, d);
    } else if (n >= 3 && strcmp(tok[0], "call") == 0) {
      CallFacts *cf = ARENA_NEW(a, CallFacts);
      cf->callee = get_token(&r, tok[1]);
      cf->nargs = atoi(tok[2]);
      if (cf->nargs < 0 || cf->nargs > CALL_FACT_ARGS || n != 3 + 3 * cf->nargs)
        return read_fail(&r, "bad call facts"), -1;
      for (int i = 0; i < cf->nargs; i++)
        cf->args[i] = (ArgFact){strtol(tok[3 + 3 * i], NULL, 10), strtol(tok[4 + 3 * i], NULL, 10),
                                atoi(tok[5 + 3 * i]) != 0};
      vec_push(a, &uf->calls, cf);
    } else if (n >= 2 && strcmp(tok[0], "fail") == 0) {
      FailRec *fr = ARENA_NEW(a, FailRec);
      fr->callee = get_token(&r, tok[1]);
      if (!read_fail_site(tok + 2, n - 2, &fr->site)) return read_fail(&r, "bad fail site"), -1;
      vec_push(a, &uf->fails, fr);
    } else {
      bool ok = true;
      if (!read_startup_line(&r, uf, &cur, tok, n, &ok))
        return read_fail(&r, "unknown statement"), -1;
      if (!ok) return read_fail(&r, "bad startup facts"), -1;
    }
  }
  return 0;
}

int summary_read_facts(SummaryTable *st, const char *unit, const char *text, char *err,
                       int errlen) {
  UnitFacts *uf = ARENA_NEW(&st->arena, UnitFacts);
  uf->unit = arena_strdup(&st->arena, unit);
  uf->read = true;
  if (read_facts(st, uf, text, err, errlen) != 0) return -1;
  vec_push(&st->arena, &st->facts, uf);
  st->nread_facts++;
  return 0;
}

int summary_read_prior(SummaryTable *st, const char *unit, const char *text, char *err,
                       int errlen) {
  UnitFacts *uf = ARENA_NEW(&st->arena, UnitFacts);
  uf->unit = arena_strdup(&st->arena, unit);
  if (read_facts(st, uf, text, err, errlen) != 0) return -1;
  vec_push(&st->arena, &st->prior, uf);
  return 0;
}

/* Lines in an order that does not depend on the order the units were
   read or computed in. */
static void put_sorted(Arena *a, Buf *out, Vec *lines) {
  qsort(lines->data, (size_t)lines->len, sizeof(void *), by_text);
  for (int i = 0; i < lines->len; i++)
    buf_puts(a, out, lines->data[i]);
}

/* The call sites the engine is handed (summary_call_sites) and how each
   call site treats failure (summary_failure_uses). */
static void put_sites(const Entry *e, Buf *out, Arena *a) {
  Vec lines = {0};
  /* Past MAX_SITES the engine gets none, and which were kept depends on
     the order the units came in. */
  for (int i = 0; i < e->nsites && e->nsites <= MAX_SITES; i++) {
    Buf b = {0};
    buf_printf(a, &b, "  site %d", e->sites[i]->nargs);
    for (int k = 0; k < e->sites[i]->nargs; k++)
      put_fact(a, &b, e->sites[i]->args[k]);
    buf_putc(a, &b, '\n');
    vec_push(a, &lines, (void *)buf_str(a, &b));
  }
  for (int i = 0; i < e->fail_sites.len; i++) {
    Buf b = {0};
    buf_puts(a, &b, "  fail");
    put_fail_site(a, &b, e->fail_sites.data[i]);
    buf_putc(a, &b, '\n');
    vec_push(a, &lines, (void *)buf_str(a, &b));
  }
  put_sorted(a, out, &lines);
}

void summary_write_unit_pre(const SummaryTable *st, const char *unit, Buf *out, Arena *a) {
  const UnitFacts *uf = facts_of(st, unit);
  for (int k = 0; uf && k < uf->defs.len; k++) {
    const FactDef *d = uf->defs.data[k];
    const Entry *e = entry_get(st, NULL, d->name);
    buf_puts(a, out, "pre ");
    put_token(a, out, d->name);
    if (!e || e->ambiguous || !e->pre_closed || e->pre_unknown || !e->pre ||
        e->npre != d->nparams) {
      buf_puts(a, out, " none\n");
      if (e && !e->ambiguous && e->pre_closed && !e->pre_unknown) put_sites(e, out, a);
      continue;
    }
    for (int i = 0; i < e->npre; i++)
      put_fact(a, out, e->pre[i]);
    buf_printf(a, out, " sites %d\n", e->nsites);
    put_sites(e, out, a);
  }
  for (int k = 0; uf && k < uf->sfns.len; k++) {
    const SFn *sf = uf->sfns.data[k];
    put_line(a, out, "startup", sf->name);
    put_gfacts(st, unit, sf, out, a);
  }
}
