/*
 * engine_summarize.c - a function's summary, folded from its paths.
 *
 * In summary mode the engine gives values read from parameters their origin
 * (`arg0`, `arg0->fd`), and every returning path records what it released,
 * stored away or acquired for the caller, plus the facts it learned on
 * parameter values. Folding the paths gives the summary:
 *
 *   - a parameter is released when every returning path releases it, or
 *     holds a value that owns nothing there (`if (!c) return;`, `if (fd < 0)
 *     return;`): validity is judged by the success tests of the rules that
 *     acquire resources of that family; released on some paths only (or
 *     by a helper that does so), it is a partial release that still names
 *     its family, so a caller passing the wrong kind hears of it;
 *   - a returned resource is an acquisition whose success test is the
 *     simplest one that tells its paths from the others (`!= NULL`, `>= 0`);
 *   - an out-parameter or a lock left held likewise, by the return value,
 *     or by the acquired value itself when nothing else can tell.
 *
 * When the exploration ran out of budget, or left paths unexplored, the
 * function gets no summary: callers then treat it as unknown (arguments
 * escape), which is safe. Which functions to summarize, in which order, and
 * where summaries are kept is the summary pass's business (summary.h); the
 * engine only answers for one function at a time.
 */
#include "engine_int.h"

#include <string.h>

typedef struct Fold {
  Arena *out; /* where the summary goes: the solving worker's arena */
  Ctx *x;
  const RuleSet *rs;
  PathSummary **paths;
  int npaths;
  Vec acquires, releases, transfers; /* Acquire *, Release *, Transfer * */
  unsigned escape, escape_deref;
} Fold;

static bool origin_eq(const Origin *a, const Origin *b) {
  if (a == b) return true;
  if (!a || !b || a->arg != b->arg || a->nsteps != b->nsteps) return false;
  for (int i = 0; i < a->nsteps; i++) {
    const TargetStep *p = &a->steps[i], *q = &b->steps[i];
    if (p->kind != q->kind || p->index != q->index ||
        (p->field != q->field && (!p->field || !q->field || strcmp(p->field, q->field) != 0)))
      return false;
  }
  return true;
}

static const Val *facts_of(const PathSummary *p, const Origin *o) {
  for (int i = 0; i < p->nfacts; i++)
    if (origin_eq(p->facts[i].origin, o)) return &p->facts[i].facts;
  return NULL;
}

/* May v be a live resource of this family? Judged by the success tests of
   the rules that return one; a family nobody returns is always valid. */
static bool family_may_hold(const RuleSet *rs, const char *family, const Val *v) {
  bool known = false;
  for (int pass = 0; pass < 2; pass++) {
    FuncRule **fs = pass ? rs->patterns : rs->funcs;
    int n = pass ? rs->npatterns : rs->nfuncs;
    for (int i = 0; i < n; i++)
      for (int k = 0; k < fs[i]->nacquires; k++) {
        const Acquire *a = &fs[i]->acquires[k];
        if (a->target.arg != TARGET_RET || strcmp(a->kind->family, family) != 0) continue;
        if (a->when.always || a->kind->scoped) return true;
        known = true;
        if (val_may(v, a->when.op, a->when.value)) return true;
      }
  }
  return !known;
}

/* On path p, does the origin designate nothing to release: an invalid
   value, or a field of a NULL pointer? */
static bool owns_nothing(const Fold *fd, const PathSummary *p, const Origin *o,
                         const char *family) {
  const Val *v = facts_of(p, o);
  if (v && !family_may_hold(fd->rs, family, v)) return true;
  Origin prefix = *o;
  for (int n = o->nsteps - 1; n >= 0; n--) {
    if (o->steps[n].kind != STEP_DEREF) continue;
    prefix.nsteps = n;
    const Val *b = facts_of(p, &prefix);
    long c;
    if (b && val_is_const(b, &c) && c == 0) return true;
  }
  return false;
}

static Target target_of(const Origin *o) {
  Target t;
  memset(&t, 0, sizeof t);
  t.arg = o->arg;
  t.nsteps = o->nsteps;
  for (int i = 0; i < o->nsteps; i++)
    t.steps[i] = o->steps[i];
  return t;
}

/* t with its field names copied into the summary's arena, which outlives
   the exploration that found them. */
static Target target_kept(Arena *a, Target t) {
  for (int i = 0; i < t.nsteps; i++)
    if (t.steps[i].field) t.steps[i].field = arena_strdup(a, t.steps[i].field);
  return t;
}

static bool has_pe(const PathSummary *p, const Origin *o, int what, const char *family) {
  for (int i = 0; i < p->npe; i++)
    if (p->pe[i].what == what && origin_eq(p->pe[i].origin, o) &&
        (!family || strcmp(p->pe[i].family, family) == 0))
      return true;
  return false;
}

/* What some joined path did, which counts as if a returning path did it
   (engine_state.c: pe_some): an escape, or a release on some paths only. */
static void fold_some_paths(Fold *fd) {
  for (int i = 0; i < fd->x->some_pe.len; i++) {
    const ParamEffect *e = fd->x->some_pe.data[i];
    if (e->origin->arg < 0 || e->origin->arg >= 32) continue;
    if (e->what == PE_ESCAPED) fd->escape |= 1u << e->origin->arg;
    if (e->what == PE_ESCAPED_DEREF && e->origin->nsteps == 1)
      fd->escape_deref |= 1u << e->origin->arg;
    if (e->what != PE_RELEASED_SOME) continue;
    Target t = target_of(e->origin);
    Release *r = NULL;
    for (int k = 0; k < fd->releases.len && !r; k++) {
      Release *q = fd->releases.data[k];
      if (strcmp(q->family, e->family) == 0 && target_equal(&q->target, &t)) r = q;
    }
    if (!r) {
      r = ARENA_NEW(fd->out, Release);
      r->family = arena_strdup(fd->out, e->family);
      r->target = target_kept(fd->out, t);
      vec_push(fd->out, &fd->releases, r);
    }
    r->partial = true;
  }
}

static void fold_releases(Fold *fd) {
  for (int i = 0; i < fd->npaths; i++)
    for (int k = 0; k < fd->paths[i]->npe; k++) {
      const ParamEffect *e = &fd->paths[i]->pe[k];
      if (e->what == PE_ESCAPED && e->origin->arg < 32) fd->escape |= 1u << e->origin->arg;
      /* `*arg1` itself: its pointee escapes. Bytes copied from deeper
         (`c->rbuf`) say nothing a caller could act on, as before. */
      if (e->what == PE_ESCAPED_DEREF && e->origin->arg < 32 && e->origin->nsteps == 1)
        fd->escape_deref |= 1u << e->origin->arg;
      if (e->what != PE_RELEASED && e->what != PE_RELEASED_SOME) continue;
      bool dup = false;
      for (int j = 0; j < k && !dup; j++)
        dup = (fd->paths[i]->pe[j].what == PE_RELEASED ||
               fd->paths[i]->pe[j].what == PE_RELEASED_SOME) &&
              strcmp(fd->paths[i]->pe[j].family, e->family) == 0 &&
              origin_eq(fd->paths[i]->pe[j].origin, e->origin);
      for (int p = 0; p < i && !dup; p++)
        dup = has_pe(fd->paths[p], e->origin, PE_RELEASED, e->family) ||
              has_pe(fd->paths[p], e->origin, PE_RELEASED_SOME, e->family);
      if (dup) continue;
      bool all = true;
      for (int j = 0; j < fd->npaths && all; j++)
        all = has_pe(fd->paths[j], e->origin, PE_RELEASED, e->family) ||
              owns_nothing(fd, fd->paths[j], e->origin, e->family);
      Release *r = ARENA_NEW(fd->out, Release);
      r->family = arena_strdup(fd->out, e->family);
      r->target = target_kept(fd->out, target_of(e->origin));
      r->partial = !all;
      vec_push(fd->out, &fd->releases, r);
    }
  for (int i = 0; i < fd->npaths; i++)
    if (fd->paths[i]->ret_origin && fd->paths[i]->ret_origin->arg < 32)
      fd->escape |= 1u << fd->paths[i]->ret_origin->arg;
  if (fd->npaths) fold_some_paths(fd);
}

/* Parameters whose resource moves into acquisition `to` on every path
   where it happens (acq[i]: the acquiring call on path i, NULL off it). */
static void add_moves(Fold *fd, const Stmt **acq, int to) {
  int first = 0;
  while (first < fd->npaths && !acq[first])
    first++;
  if (first == fd->npaths) return;
  const Vec *cands = &fd->paths[first]->moved;
  for (int c = 0; c < cands->len; c++) {
    const ParamEffect *m = cands->data[c];
    if (m->acq != acq[first]) continue;
    bool all = true;
    for (int i = first + 1; i < fd->npaths && all; i++) {
      if (!acq[i]) continue;
      bool found = false;
      for (int k = 0; k < fd->paths[i]->moved.len && !found; k++) {
        const ParamEffect *o = fd->paths[i]->moved.data[k];
        found = o->acq == acq[i] && origin_eq(o->origin, m->origin);
      }
      all = found;
    }
    if (!all) continue;
    Transfer *t = ARENA_NEW(fd->out, Transfer);
    t->from = target_kept(fd->out, target_of(m->origin));
    t->to = to;
    vec_push(fd->out, &fd->transfers, t);
  }
}

static void add_acquire(Fold *fd, const ResKind *k, Target t, SuccessCond when) {
  Acquire *a = ARENA_NEW(fd->out, Acquire);
  a->kind = k;
  a->target = target_kept(fd->out, t);
  a->when = when;
  vec_push(fd->out, &fd->acquires, a);
}

/* Is `ret op c` possible on every path in A and impossible on every path
   in B (paths returning nothing count as impossible)? */
static bool separates(Fold *fd, const bool *in_a, CmpOp op, long c) {
  for (int i = 0; i < fd->npaths; i++) {
    const PathSummary *p = fd->paths[i];
    bool may = p->has_value && val_may(&p->ret, op, c);
    if (in_a[i] ? !may : may) return false;
  }
  return true;
}

static void fold_return(Fold *fd) {
  const ResKind *kind = NULL;
  const PathSummary *first = NULL;
  bool *in_a = ARENA_ARRAY(&fd->x->a, bool, fd->npaths + 1);
  const Stmt **acq = ARENA_ARRAY(&fd->x->a, const Stmt *, fd->npaths + 1);
  bool others = false, all_ret_decided = true, may_fail = false;
  for (int i = 0; i < fd->npaths; i++) {
    const PathSummary *p = fd->paths[i];
    if (!p->ret_res) {
      others = true;
      continue;
    }
    if (kind && kind != p->ret_res->kind)
      return; /* different kinds on different paths: not one acquisition */
    kind = p->ret_res->kind;
    if (!first) first = p;
    in_a[i] = true;
    acq[i] = p->ret_res->acq;
    all_ret_decided &= p->ret_cond_is_ret;
    may_fail |= p->ret_may_fail;
  }
  if (!kind) return;
  const Res *r = first->ret_res;
  SuccessCond when = {.op = r->cond_op, .value = r->cond_c};
  if (!others) {
    if (!may_fail)
      when.always = true;
    else if (!all_ret_decided) {
      when.op = fd->x->f->ret_type == TY_POINTER ? CMP_NE : CMP_GE;
      when.value = 0;
    }
    add_moves(fd, acq, fd->acquires.len);
    add_acquire(fd, kind, (Target){.arg = TARGET_RET}, when);
    return;
  }
  struct {
    CmpOp op;
    long c;
  } cand[] = {{r->cond_op, r->cond_c}, {CMP_NE, 0}, {CMP_GE, 0}, {CMP_GT, 0}};
  for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++) {
    if (i == 0 && (r->cond_val < 0 || !all_ret_decided)) continue;
    if (separates(fd, in_a, cand[i].op, cand[i].c)) {
      when.op = cand[i].op;
      when.value = cand[i].c;
      add_moves(fd, acq, fd->acquires.len);
      add_acquire(fd, kind, (Target){.arg = TARGET_RET}, when);
      return;
    }
  }
}

static const PathAcq *acq_on(const PathSummary *p, const Origin *o, const ResKind *k) {
  for (int i = 0; i < p->nacqs; i++)
    if (p->acqs[i].kind == k && origin_eq(p->acqs[i].origin, o) && p->acqs[i].may_succeed)
      return &p->acqs[i];
  return NULL;
}

/* Out-parameters and locks left held, one acquisition per (target, kind). */
static void fold_out(Fold *fd) {
  bool *in_a = ARENA_ARRAY(&fd->x->a, bool, fd->npaths + 1);
  const Stmt **acq = ARENA_ARRAY(&fd->x->a, const Stmt *, fd->npaths + 1);
  for (int i = 0; i < fd->npaths; i++)
    for (int k = 0; k < fd->paths[i]->nacqs; k++) {
      const PathAcq *g = &fd->paths[i]->acqs[k];
      bool done = false;
      for (int j = 0; j < i && !done; j++)
        for (int m = 0; m < fd->paths[j]->nacqs && !done; m++)
          done = fd->paths[j]->acqs[m].kind == g->kind &&
                 origin_eq(fd->paths[j]->acqs[m].origin, g->origin);
      for (int m = 0; m < k && !done; m++)
        done = fd->paths[i]->acqs[m].kind == g->kind &&
               origin_eq(fd->paths[i]->acqs[m].origin, g->origin);
      if (done) continue;
      bool absent = false, may_fail = false, by_ret = true, by_self = true, unsure = false;
      const PathAcq *first = NULL;
      for (int j = 0; j < fd->npaths; j++) {
        const PathAcq *a = acq_on(fd->paths[j], g->origin, g->kind);
        in_a[j] = a != NULL;
        acq[j] = a ? a->acq : NULL;
        if (!a) {
          absent = true;
          continue;
        }
        if (!first) first = a;
        unsure |= a->some_paths;
        may_fail |= a->may_fail;
        by_ret &= a->cond_is_ret;
        by_self &= a->cond_on_self;
      }
      if (!first || unsure) continue; /* a join lost which paths acquired: say nothing */
      Target t = target_of(g->origin);
      SuccessCond when = {.op = first->op, .value = first->c};
      if (!absent && (!may_fail || g->kind->scoped)) {
        /* Held on every path that returns (a lock wrapper whose caller cannot
           test the lock call's status): held. */
        when.always = true;
      } else if (by_ret && separates(fd, in_a, first->op, first->c)) {
        /* the function returns the acquisition's own status */
      } else if (!absent && by_self) {
        when.on_target = true;
      } else if (!may_fail || g->kind->scoped) {
        /* Held on the returns a test of the returned value picks out (a
           lock protocol: `if (!c->open) return -1; lock(&c->mu); return
           0;`). An unchecked lock call counts as taken, as in the
           function's own findings. */
        static const struct {
          CmpOp op;
          long c;
        } cand[] = {{CMP_EQ, 0}, {CMP_GE, 0}, {CMP_NE, 0}, {CMP_GT, 0}};
        bool found = false;
        for (size_t c = 0; c < sizeof cand / sizeof cand[0] && !found; c++)
          if (separates(fd, in_a, cand[c].op, cand[c].c)) {
            when.op = cand[c].op;
            when.value = cand[c].c;
            found = true;
          }
        if (!found) continue;
      } else {
        continue; /* cannot tell the caller when it owns it: say nothing */
      }
      add_moves(fd, acq, fd->acquires.len);
      add_acquire(fd, g->kind, t, when);
    }
}

/* What the function may write through its pointer parameters, and what
   it leaves there whenever the resource it returns was acquired. */
static void fold_written(Fold *fd, FuncRule *r) {
  bool returns_res = false;
  for (int i = 0; i < fd->acquires.len; i++) {
    const Acquire *a = fd->acquires.data[i];
    returns_res |= a->target.arg == TARGET_RET && !a->when.always;
  }
  unsigned ok = ~0u;
  bool any = false;
  for (int i = 0; i < fd->npaths; i++) {
    const PathSummary *p = fd->paths[i];
    if (p->ret_res) {
      ok &= p->nonzero;
      any = true;
    }
  }
  r->writes_mask = fd->x->written;
  if (returns_res && any) r->ret_ok_nonzero = ok;
}

/* The constant every returning path returns, if there is one: callers
   then decide their tests on it instead of assuming both outcomes. */
static void fold_constant(Fold *fd, FuncRule *r) {
  long c = 0;
  for (int i = 0; i < fd->npaths; i++) {
    long k;
    if (!fd->paths[i]->has_value || !val_is_const(&fd->paths[i]->ret, &k)) return;
    if (i > 0 && k != c) return;
    c = k;
  }
  r->ret_fixed = true;
  r->ret_value = c;
}

static FuncRule *fold(Arena *out, Ctx *x, const RuleSet *rs) {
  const Func *f = x->f;
  Fold fd = {out, x, rs, (PathSummary **)x->path_sums.data, x->path_sums.len, {0}, {0}, {0}, 0, 0};
  FuncRule *r = ARENA_NEW(out, FuncRule);
  r->name = arena_strdup(out, f->name);
  r->pack = "summary";
  r->loc = f->loc;
  r->loc.file = arena_strdup(out, f->loc.file);
  r->from_summary = true;
  if (fd.npaths == 0) {
    /* No path returns: exit(), abort() or an endless loop on every path. */
    r->noreturn = true;
    return r;
  }
  if (x->released_own) r->releases_own = arena_strdup(out, x->released_own);
  fold_releases(&fd);
  fold_return(&fd);
  fold_out(&fd);
  fold_written(&fd, r);
  fold_constant(&fd, r);
  r->escape_mask = fd.escape;
  r->escape_deref_mask = fd.escape_deref & ~fd.escape;
  for (int i = 0; i < f->nparams && i < 32; i++)
    if (!(fd.escape >> i & 1)) r->borrow_mask |= 1u << i;
  r->nacquires = fd.acquires.len;
  r->acquires = vec_items(out, &fd.acquires, sizeof(Acquire));
  r->ntransfers = fd.transfers.len;
  r->transfers = vec_items(out, &fd.transfers, sizeof(Transfer));
  r->nreleases = fd.releases.len;
  r->releases = vec_items(out, &fd.releases, sizeof(Release));
  return r;
}

FuncRule *engine_summarize(const Func *f, const Callees *c, const EngineOptions *o, Arena *out) {
  return engine_summarize_calls(f, c, o, out, NULL, NULL, NULL);
}

FuncRule *engine_summarize_calls(const Func *f, const Callees *c, const EngineOptions *o,
                                 Arena *out, Vec *calls, bool *complete, const char **stopped) {
  Ctx *x = engine_ctx_new(f, c, o, NULL, true);
  x->calls = calls;
  x->calls_arena = out;
  engine_explore(x);
  if (complete) *complete = !x->budget_hit && !x->dropped;
  if (stopped)
    *stopped = x->budget_hit || x->dropped ? arena_printf(out,
                                                          "no summary for %s(): %s; its callers "
                                                          "treat it as unknown",
                                                          f->name, engine_stop_text(x, &x->a))
                                           : NULL;
  /* Paths left unexplored could be the ones that make a claim false. */
  FuncRule *r = x->budget_hit || x->dropped ? NULL : fold(out, x, c->rules);
  engine_ctx_delete(x);
  return r;
}
