/*
 * summary_facts.c - the whole-program facts the summary pass gathers once
 * every summary is final: the preconditions of functions whose callers
 * are all in sight (what every call site guarantees on the arguments),
 * how each call site treats its callee's failure (failure_uses.c), and the
 * global fields main sets up before calling the functions that read them
 * (the startup pass, startup.c). The engine is handed them through the
 * Callees oracle when it looks for leaks; summaries speak for any caller
 * and use none.
 *
 * Each unit's share is kept in a record of its own (UnitFacts) and the
 * program's facts are joined from all of them, so a unit whose results
 * come from the cache takes part through the record an earlier run wrote
 * (summary_text.c) as a parsed unit does through its IR.
 */
#include "summary_int.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

const UnitFacts *facts_of(const SummaryTable *st, const char *unit) {
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

int by_text(const void *pa, const void *pb) {
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

void gather_facts(SummaryTable *st, Arena *a, Node *nodes, int n, Unit **units, int nunits,
                  const Vec *skipped, const RuleSet *rs) {
  gather_preconditions(st, a, nodes, n, units, nunits, skipped);
  gather_failure_uses(st, a, nodes, n, rs);
  program_failure_uses(st);
  gather_startup(st, a, nodes, n, skipped, rs);
}
