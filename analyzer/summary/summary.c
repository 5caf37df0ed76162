/*
 * summary.c - computing function summaries bottom-up over the call graph.
 *
 * The engine summarizes one function at a time (engine_summarize); this
 * pass decides the order. It builds the call graph of every function
 * defined in the units given, solves its strongly connected components
 * callees first (recursive ones to a bounded fixpoint), and keeps the
 * summaries in a table that it hands the engine through the Callees
 * oracle's lookup: the engine never knows summaries exist.
 *
 * Once the summaries are final the pass gathers the whole-program facts
 * (summary_facts.c); the table's text form is in summary_text.c.
 */
#include "summary_int.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

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

Entry *entry_get(const SummaryTable *st, const char *unit, const char *name) {
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

Entry *entry_add(SummaryTable *st, const char *unit, const char *name) {
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

/* ---- Solving ---------------------------------------------------------------- */

static bool rule_same(const FuncRule *a, const FuncRule *b) {
  if (!a || !b) return a == b;
  if (a->noreturn != b->noreturn || a->nacquires != b->nacquires || a->nreleases != b->nreleases ||
      a->ntransfers != b->ntransfers || a->escape_mask != b->escape_mask ||
      a->escape_deref_mask != b->escape_deref_mask || a->borrow_mask != b->borrow_mask ||
      a->writes_mask != b->writes_mask || a->ret_ok_nonzero != b->ret_ok_nonzero ||
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

void set_rule(SummaryTable *st, Entry *e, FuncRule *r) {
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
  gather_facts(st, &a, nodes, n, units, nunits, &skipped, rs);
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
