/*
 * engine_call.c - what one call statement does to the state.
 *
 * The callee's model comes from the Callees oracle, in this order: a rule
 * (built-in or user pack), the lookup the caller supplied (summaries of
 * analyzed functions), then the declaration. A rule or summary says which
 * arguments are released, acquired into, transferred, borrowed or stored
 * away. A call through a pointer is a call to what the pointer may hold,
 * when that is known (indirect_call). A callee known by none of those, a
 * callee with a body but no summary, and any other call through a pointer
 * are opaque: every resource reachable from an argument escapes,
 * since the callee may keep it, and reporting a leak there would be a guess.
 * Except for what the declaration itself promises: a printf-like function
 * (format attribute) and a pointer-to-const parameter of a function with
 * no body only read.
 *
 * Two cases get a model of their own. Cleanup calls (`fn(&var)` emitted for
 * `__attribute__((cleanup(fn)))`) release what var holds even when fn is
 * unknown: releasing is what cleanup functions exist for. And a transfer
 * (fdopen(fd), realloc(p, n)) splits the path: on success the old resource
 * lives on inside the new one, on failure the caller still owns it.
 */
#include "engine_int.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* A rule that only states intent (`permanent`, `leaves locked`) says
   nothing about arguments: a summary of the function, when there is one,
   describes its calls better. */
static bool intent_only(const FuncRule *r) {
  return !r->nacquires && !r->nreleases && !r->ntransfers && !r->nstores && !r->borrow_mask &&
         !r->borrow_all && !r->escape_mask && !r->ref_mask && !r->hands_back && !r->noreturn &&
         !r->has_set && !r->has_unless && !r->runs && !r->releases_own;
}

const FuncRule *callee_rule(const Ctx *x, const char *name) {
  const FuncRule *r = x->c->rules ? rules_find_func(x->c->rules, name) : NULL;
  if ((!r || intent_only(r)) && x->c->lookup) {
    const FuncRule *sum = x->c->lookup(x->c->lookup_ctx, x->c->unit, name);
    if (sum) r = sum;
  }
  return r;
}

const char *call_name(const Stmt *st) {
  if (st->callee) return st->callee;
  if (st->fnptr_path) return st->fnptr_path;
  if (st->fnptr_member) return st->fnptr_member;
  return st->fnvar ? st->fnvar->name : "the called function";
}

/* A description of what a release family releases, for mismatch messages:
   the description of a kind of that family ("stdio stream"). */
bool rule_family_desc(const Ctx *x, const char *family, const char **desc) {
  const RuleSet *rs = x->c->rules;
  for (int i = 0; rs && i < rs->nkinds; i++)
    if (strcmp(rs->kinds[i]->family, family) == 0) {
      *desc = rs->kinds[i]->desc;
      return true;
    }
  return false;
}

/* The tests that mean success in the rules returning a resource of kind k:
   its live values. Several different tests are kept up to two (a value is
   live if it passes one); a rule that cannot fail, or more variety, means
   any value may be live. Computed once per kind and function. */
const KindValidity *kind_validity(Ctx *x, const ResKind *k) {
  for (int i = 0; i < x->validity.len; i++) {
    const KindValidity *kv = x->validity.data[i];
    if (kv->kind == k) return kv;
  }
  KindValidity *kv = ARENA_NEW(&x->keep, KindValidity);
  kv->kind = k;
  const RuleSet *rs = x->c->rules;
  bool any = true;
  for (int pass = 0; rs && pass < 2 && any; pass++) {
    FuncRule **fs = pass ? rs->patterns : rs->funcs;
    int n = pass ? rs->npatterns : rs->nfuncs;
    for (int i = 0; i < n && any; i++)
      for (int j = 0; j < fs[i]->nacquires && any; j++) {
        const Acquire *a = &fs[i]->acquires[j];
        if (a->kind != k || a->target.arg != TARGET_RET) continue;
        if (a->when.always || a->when.on_target) {
          any = false;
          break;
        }
        bool seen = false;
        for (int m = 0; m < kv->n; m++)
          seen |= kv->op[m] == a->when.op && kv->c[m] == a->when.value;
        if (seen) continue;
        if (kv->n == 2) {
          any = false;
          break;
        }
        kv->op[kv->n] = a->when.op;
        kv->c[kv->n++] = a->when.value;
      }
  }
  if (!any) kv->n = 0;
  vec_push(&x->keep, &x->validity, kv);
  return kv;
}

/* ---- Targets --------------------------------------------------------------- */

/*
 * Resolves a rule target against a call. On return *v is the value the
 * target designates and, when it names memory (`*arg3`, `arg0->fd`,
 * `arg0[1]`), *cell that memory. A bare `argN` designates the argument's
 * value and, as memory, the object it points to (a lock's identity).
 */
static bool target_resolve(Ctx *x, State *s, const Stmt *st, const int *argv, int retv,
                           const Target *t, int *v, Cell *cell, bool *has_cell) {
  *has_cell = false;
  if (t->arg == TARGET_RET)
    *v = retv;
  else if (t->arg >= 0 && t->arg < st->nargs)
    *v = argv[t->arg];
  else
    return false;
  for (int i = 0; i < t->nsteps; i++) {
    const TargetStep *step = &t->steps[i];
    Cell c;
    switch (step->kind) {
    case STEP_DEREF:
      if (!cell_deref(x, s, *v, &c)) return false;
      break;
    case STEP_FIELD:
      if (*has_cell)
        c = *cell;
      else if (t->arg != TARGET_RET && st->args[t->arg]->kind == EXPR_PATH &&
               cell_of_path(x, s, st->args[t->arg]->path, &c))
        ; /* a struct passed by value */
      else
        return false;
      c.chain = chain_step(x, c.chain, false, step->field, 0);
      break;
    case STEP_INDEX:
      if (*has_cell)
        c = *cell;
      else if (!cell_deref(x, s, *v, &c))
        return false;
      c.chain = chain_step(x, c.chain, true, NULL, step->index);
      break;
    }
    *cell = c;
    *has_cell = true;
    *v = read_cell(x, s, c);
  }
  return true;
}

/* The cell a lock call names. False for a lock we cannot tell apart from
   others (`&locks[i]`). */
static bool lock_cell(Ctx *x, State *s, int v, Cell cell, bool has_cell, Cell *out) {
  *out = cell;
  return has_cell || cell_deref(x, s, v, out);
}

static int lock_find(const State *s, Cell c) {
  for (int i = s->nres - 1; i >= 0; i--) {
    const Res *r = &s->res[i];
    if (r->kind->scoped && r->lock.root == c.root && r->lock.chain == c.chain) return i;
  }
  return -1;
}

/* ---- Releases -------------------------------------------------------------- */

/* A container made with `owns elements` is released: what it holds goes
   with it, whether stored by a rule (apply_store keeps it under the
   object's "(stored)" cells) or written into its memory (`argv[0] =
   sdsnew(..)` in an array sdssplitargs returned). */
static void release_elements(Ctx *x, State *s, int container) {
  Cell obj;
  if (container < 0 || !cell_deref(x, s, container, &obj)) return;
  Slot *kids = NULL;
  int n = cells_below(x, s, obj, &kids);
  for (int k = 0; k < n; k++) {
    int r = res_of_val(s, kids[k].val);
    if (r >= 0 && s->res[r].status == RS_OWNED) res_drop(s, r);
  }
}

static void release_res(Ctx *x, State *s, int r, const Release *rel, const FuncRule *rule,
                        const Stmt *st, bool cleanup) {
  Res *res = &s->res[r];
  if (res->status == RS_RELEASED) {
    if (res->caller_held) return; /* the caller's lock: its state is the caller's to know */
    if (res_may_succeed(s, res)) report_at(x, FIND_DOUBLE_RELEASE, s, res, st, NULL, rule);
    return;
  }
  if (!cleanup && strcmp(res->kind->family, rel->family) != 0) {
    const char *holder = NULL;
    if (rel->target.arg >= 0 && rel->target.arg < st->nargs) {
      Buf b = {0};
      const Expr *e = st->args[rel->target.arg];
      if (e->kind == EXPR_ADDR && rel->target.nsteps)
        path_print(&x->keep, &b, e->path);
      else
        expr_print(&x->keep, &b, e);
      holder = buf_str(&x->keep, &b);
    }
    Report *p = report_at(x, FIND_MISMATCH, s, res, st, holder, rule);
    if (p) p->family = rel->family;
    res_drop(s, r);
    return;
  }
  if (res->refs > 0 && !cleanup) {
    res->refs--; /* one reference of several: the object lives on */
    return;
  }
  res->status = RS_RELEASED;
  res->released_at = st;
  if (res->kind->scoped) x->lock_released_somewhere = true;
  Trace *t = trace_push(x, s->trace, EV_RELEASE, st->loc);
  t->stmt = st;
  t->n = res->acq_key;
  s->trace = t;
  if (res->owns_elems) release_elements(x, s, res->val);
}

/* `close(fds[i])` with i unknown releases one element of fds, and which one
   cannot be told: the owned resources of that family held in fds' elements
   are forgotten (as if they escaped), so neither a leak nor a double
   release is reported for them. This can only remove reports. */
/* The element access in `a[i]` or `a[i].obj` (an array of structs). */
static const Path *indexed(const Expr *e) {
  if (!e || e->kind != EXPR_PATH) return NULL;
  const Path *p = e->path;
  while (p->kind == PATH_FIELD)
    p = p->base;
  return p->kind == PATH_INDEX ? p : NULL;
}

/* The index of the element of the object at chain `obj` that cell chain
   `chain` lies in; false when its first step below obj is not an index. */
static bool element_index(const Ctx *x, int obj, int chain, long *out) {
  int depth = obj ? x->chains[obj].depth : 0;
  while (chain && x->chains[chain].depth > depth + 1)
    chain = x->chains[chain].parent;
  if (!chain || x->chains[chain].depth != depth + 1 || !x->chains[chain].is_index) return false;
  *out = x->chains[chain].index;
  return true;
}

/* ... of elements at index `from` or above (LONG_MIN: any element), and
   with pointee_only, only in memory reached through a pointer. */
static void forget_elements_from(Ctx *x, State *s, const Expr *e, const char *family,
                                 bool any_index, long from, bool pointee_only);

static void forget_elements(Ctx *x, State *s, const Expr *e, const char *family, bool any_index) {
  forget_elements_from(x, s, e, family, any_index, LONG_MIN, false);
}

static void forget_elements_from(Ctx *x, State *s, const Expr *e, const char *family,
                                 bool any_index, long from, bool pointee_only) {
  Cell c, base;
  const Path *ip = indexed(e);
  if (!ip) return;
  if ((!any_index && cell_of_path(x, s, ip, &c)) || !cell_of_path(x, s, ip->base, &base)) return;
  /* The elements of an array variable, or of the memory a pointer
     variable points to (`char **argv = malloc(..)`). */
  Cell objs[2] = {base, base};
  int nobjs = 1;
  if (cell_deref(x, s, read_cell(x, s, base), &objs[1])) nobjs = 2;
  for (int o = pointee_only ? 1 : 0; o < nobjs; o++) {
    Slot *kids = NULL;
    int n = cells_below(x, s, objs[o], &kids);
    for (int k = 0; k < n; k++) {
      int r = res_of_val(s, kids[k].val);
      long idx;
      if (from != LONG_MIN &&
          (!element_index(x, objs[o].chain, kids[k].cell.chain, &idx) || idx < from))
        continue;
      if (r >= 0 && s->res[r].status == RS_OWNED && strcmp(s->res[r].kind->family, family) == 0)
        escape_value(x, s, kids[k].val);
    }
  }
}

/* Does e read variable v (`i` in `fds[i]`, `argv[i - 1]`)? */
static bool expr_reads_var(const Expr *e, const Var *v) {
  if (!e) return false;
  if (e->kind == EXPR_PATH) return e->path->kind == PATH_VAR && e->path->var == v;
  for (int i = 0; i < e->nops; i++)
    if (expr_reads_var(e->ops[i], v)) return true;
  return false;
}

enum { LOOP_SCAN_BLOCKS = 8 }; /* how far into a loop body releases are looked for */

/* A loop `for (i = k; i < n; i++) free(a[i]);` is left at a test where
   its counter is `from`: at its first test (from == k, n <= k assumed),
   or once the counter was widened at the loop head after counting up to
   `from` (the turns before were followed one by one and released
   a[k..from-1] exactly). The code releases the array's elements over a
   count it trusts to cover what was filled in; our facts on n may just
   have been widened, in a fill loop that ran (`a[n++] = strdup(..)`), or
   not relate n to how the array was filled (`argc = opts + 2 * elems`).
   The elements at `from` and above that the body would release are
   forgotten, as that release would: this only removes reports. Those
   below stay: a loop starting at 1 still leaks a[0]. Past a widened
   counter only memory reached through a pointer counts (a heap vector,
   sized at run time: the count is all the program has); an array
   variable has a constant length, and a loop over it bounded by anything
   else is not trusted to reach its end. */
void release_loop_left(Ctx *x, State *s, const Block *body, const Var *index, long from,
                       bool widened) {
  const Block *todo[LOOP_SCAN_BLOCKS];
  int n = 0;
  todo[n++] = body;
  for (int k = 0; k < n; k++) {
    const Block *b = todo[k];
    for (int i = 0; i < b->nstmts; i++) {
      const Stmt *st = b->stmts[i];
      const FuncRule *r = st->kind == STMT_CALL && st->callee ? callee_rule(x, st->callee) : NULL;
      for (int j = 0; r && j < r->nreleases; j++) {
        const Target *t = &r->releases[j].target;
        if (t->arg < 0 || t->arg >= st->nargs || t->nsteps) continue;
        const Expr *e = st->args[t->arg];
        const Path *ip = indexed(e);
        if (ip && !ip->index_known && expr_reads_var(ip->index_expr, index))
          forget_elements_from(x, s, e, r->releases[j].family, true, from, widened);
      }
    }
    for (int i = 0; i < b->term.nsucc && n < LOOP_SCAN_BLOCKS; i++)
      if (b->term.succ[i]->id > b->id) todo[n++] = b->term.succ[i]; /* forward: the body */
  }
}

/* Does the rule release what `t` designates as part of `family`, on some
   path at least? A dispatching helper (`if (type == T_FILE) fclose(p); else
   free(p);`) releases one target in several families. */
static bool rule_releases_family(const FuncRule *rule, const Target *t, const char *family) {
  for (int i = 0; i < rule->nreleases; i++)
    if (target_equal(&rule->releases[i].target, t) && strcmp(rule->releases[i].family, family) == 0)
      return true;
  return false;
}

/* The scoped kind (a lock) a release of `family` ends, or NULL. */
static const ResKind *scoped_kind_of(const Ctx *x, const char *family) {
  for (int i = 0; i < x->c->rules->nkinds; i++) {
    const ResKind *k = x->c->rules->kinds[i];
    if (k->scoped && strcmp(k->family, family) == 0) return k;
  }
  return NULL;
}

static void res_push(Ctx *x, State *s, const Res *r) {
  if (s->nres == s->cap_res) {
    int cap = s->cap_res ? s->cap_res * 2 : 4;
    Res *n = ARENA_ARRAY(&x->a, Res, cap);
    if (s->nres) memcpy(n, s->res, sizeof(Res) * (size_t)s->nres);
    s->res = n;
    s->cap_res = cap;
  }
  s->res[s->nres++] = *r;
}

/* An unlock of a lock the function did not take: it was entered holding
   it (`called with q->mu held`). Noted as released, so taking it again
   gives it back to the caller rather than acquiring a new one. */
static void note_caller_lock(Ctx *x, State *s, const Stmt *st, const ResKind *kind, Cell lc) {
  Res r = {0};
  r.kind = kind;
  r.acq = st;
  r.acq_key = -1;
  r.val = -1;
  r.lock = lc;
  r.cond_val = -1;
  r.status = RS_RELEASED;
  r.released_at = st;
  r.caller_held = true;
  res_push(x, s, &r);
}

static void apply_release(Ctx *x, State *s, const Stmt *st, const int *argv, int retv,
                          const Release *rel, const FuncRule *rule) {
  int v;
  Cell cell;
  bool has_cell;
  if (!target_resolve(x, s, st, argv, retv, &rel->target, &v, &cell, &has_cell)) return;
  Cell lc;
  int lr = lock_cell(x, s, v, cell, has_cell, &lc) ? lock_find(s, lc) : -1;
  bool by_arg = rel->target.arg >= 0 && rel->target.arg < st->nargs && rel->target.nsteps == 0;
  if (rel->partial && !st->is_cleanup) {
    /* Released on some paths only: the caller can no longer tell, unless
       the helper would release it with the wrong call on the paths where
       it releases at all (an fclose() on a descriptor): that is a
       mismatch whichever path the helper takes. */
    int r = res_of_val(s, v);
    if (r >= 0 && s->res[r].status == RS_OWNED && !s->res[r].kind->scoped &&
        !rule_releases_family(rule, &rel->target, s->res[r].kind->family)) {
      release_res(x, s, r, rel, rule, st, false);
      return;
    }
    if (lr >= 0) res_drop(s, lr);
    if (s->vals[v].origin)
      pe_add(x, s,
             (ParamEffect){
                 .origin = s->vals[v].origin, .what = PE_RELEASED_SOME, .family = rel->family});
    escape_value(x, s, v);
    if (by_arg) forget_elements(x, s, st->args[rel->target.arg], rel->family, false);
    return;
  }
  if (lr >= 0) {
    release_res(x, s, lr, rel, rule, st, st->is_cleanup);
    return;
  }
  int r = res_of_val(s, v);
  if (r >= 0) {
    release_res(x, s, r, rel, rule, st, st->is_cleanup);
    return;
  }
  if (by_arg) forget_elements(x, s, st->args[rel->target.arg], rel->family, false);
  /* Nothing of ours: in a summary, a parameter (or a lock reached from
     one) released by this function. */
  const Origin *o = s->vals[v].origin;
  if (!o && lc.root < 0 && lock_cell(x, s, v, cell, has_cell, &lc)) o = origin_of_cell(x, s, lc);
  if (o) pe_add(x, s, (ParamEffect){.origin = o, .what = PE_RELEASED, .family = rel->family});
  const ResKind *lock_kind = scoped_kind_of(x, rel->family);
  if (lock_kind) {
    /* Only a lock the caller can name (reached from a parameter, or a
       global): a value from anywhere else (`unlock(item_trylock(h))`) is
       a fresh lock each time and would grow the state every loop turn. */
    if (lock_cell(x, s, v, cell, has_cell, &lc) &&
        (lc.root < 0
             ? o != NULL
             : x->f->vars[lc.root]->kind == VAR_GLOBAL || x->f->vars[lc.root]->kind == VAR_STATIC))
      note_caller_lock(x, s, st, lock_kind, lc);
  } else if (!o && !x->released_own) {
    /* Neither ours nor the caller's: something the function holds by other
       means, as a thread detaching itself (pthread_detach(pthread_self())). */
    x->released_own = rel->family;
  }
}

/* ---- Acquisitions ---------------------------------------------------------- */

static void overwrite(Ctx *x, State *s, Cell c, const Path *holder, const char *name,
                      const Block *b, int si);

/* The memory a target names, as C: `res` for *(&res), `fd[1]` for fd[1]. */
static const char *target_text(Ctx *x, const Stmt *st, const Target *t) {
  const Expr *e = st->args[t->arg];
  Buf b = {0};
  int i = 0;
  if (e->kind == EXPR_ADDR && t->nsteps > 0 && t->steps[0].kind == STEP_DEREF) {
    path_print(&x->keep, &b, e->path);
    i = 1;
  } else {
    expr_print(&x->keep, &b, e);
  }
  for (; i < t->nsteps; i++) {
    const TargetStep *ts = &t->steps[i];
    bool arrow = ts->kind == STEP_DEREF && i + 1 < t->nsteps && t->steps[i + 1].kind == STEP_FIELD;
    if (arrow) {
      buf_printf(&x->keep, &b, "->%s", t->steps[++i].field);
    } else if (ts->kind == STEP_DEREF) {
      const char *inner = buf_str(&x->keep, &b);
      b = (Buf){0};
      buf_printf(&x->keep, &b, "*%s", inner);
    } else if (ts->kind == STEP_FIELD) {
      buf_printf(&x->keep, &b, ".%s", ts->field);
    } else {
      buf_printf(&x->keep, &b, "[%ld]", ts->index);
    }
  }
  return buf_str(&x->keep, &b);
}

/* Is the acquired value a pointer (NULL then owns nothing)? The variable
   receiving it says so, or the rule's success test against NULL. */
static bool target_is_pointer(const Stmt *st, const Acquire *a) {
  const Path *p = NULL;
  if (a->target.arg == TARGET_RET)
    p = st->lhs;
  else if (a->target.nsteps == 1 && a->target.steps[0].kind == STEP_DEREF &&
           st->args[a->target.arg]->kind == EXPR_ADDR)
    p = st->args[a->target.arg]->path;
  if (p && p->kind == PATH_VAR && p->var->type == TY_POINTER) return true;
  return a->target.arg == TARGET_RET && !a->when.always && a->when.op == CMP_NE &&
         a->when.value == 0;
}

static void new_res(Ctx *x, State *s, const Block *b, int si, const FuncRule *rule,
                    const Acquire *a, int val, Cell lock, int cond_val) {
  const Stmt *st = b->stmts[si];
  Res r = {0};
  r.nullable = val >= 0 && target_is_pointer(st, a);
  if (val >= 0) {
    const KindValidity *kv = kind_validity(x, a->kind);
    r.nvalid = (uint8_t)kv->n;
    for (int i = 0; i < kv->n; i++) {
      r.valid_op[i] = (uint8_t)kv->op[i];
      r.valid_c[i] = kv->c[i];
    }
  }
  r.kind = a->kind;
  r.acq = st;
  r.acq_key = (long)b->id << 20 | (si & 0xfffff);
  r.rule = rule;
  r.val = val;
  r.lock = lock;
  r.cond_val = a->when.always ? -1 : cond_val;
  r.cond_op = a->when.op;
  r.cond_c = a->when.value;
  r.status = RS_OWNED;
  Trace *t = trace_push(x, s->trace, EV_ACQUIRE, st->loc);
  t->stmt = st;
  t->kind = a->kind;
  s->trace = r.trace = t;
  res_push(x, s, &r);
}

static void apply_acquire(Ctx *x, State *s, const Block *b, int si, const int *argv, int retv,
                          const FuncRule *rule, const Acquire *a) {
  const Stmt *st = b->stmts[si];
  if (a->target.arg == TARGET_RET) {
    if (!st->lhs) {
      if (!a->kind->scoped) report_ignored(x, s, st, a->kind, rule);
      return;
    }
    new_res(x, s, b, si, rule, a, retv, (Cell){0, 0}, retv);
    return;
  }
  int v;
  Cell cell;
  bool has_cell;
  if (!target_resolve(x, s, st, argv, retv, &a->target, &v, &cell, &has_cell)) return;
  if (a->kind->scoped) {
    Cell lc;
    if (!lock_cell(x, s, v, cell, has_cell, &lc)) return; /* one of many: not tracked */
    int old = lock_find(s, lc);
    if (old >= 0 && s->res[old].status == RS_OWNED) return; /* already held on this path */
    bool relock = old >= 0 && (s->res[old].caller_held || s->res[old].relock);
    if (old >= 0) res_drop(s, old);
    new_res(x, s, b, si, rule, a, -1, lc, retv);
    s->res[s->nres - 1].relock = relock;
    return;
  }
  if (!has_cell) return; /* `argN` by value cannot receive anything */
  int nv = val_new(x, s);
  /* Named only when something is there to lose: the text is kept for the
     whole function, and this runs for every explored state. */
  int held = slot_find(s, cell);
  if (held >= 0 && res_of_val(s, s->slots[held].val) >= 0)
    overwrite(x, s, cell, NULL, target_text(x, st, &a->target), b, si);
  new_res(x, s, b, si, rule, a, nv, (Cell){0, 0}, a->when.on_target ? nv : retv);
  write_cell(x, s, cell, nv);
}

/* ---- Opaque callees ---------------------------------------------------------- */

/* A lock is reachable from a callee when it is global or its cell hangs off
   an argument. */
static bool lock_reachable(Ctx *x, const State *s, Cell lock, const int *argv, int nargs) {
  if (lock.root >= 0 && x->f->vars[lock.root]->kind != VAR_LOCAL &&
      x->f->vars[lock.root]->kind != VAR_TEMP && x->f->vars[lock.root]->kind != VAR_PARAM)
    return true;
  for (int i = 0; i < nargs; i++) {
    const Val *v = &s->vals[argv[i]];
    if (v->kind == VK_ADDR && cell_within(x, lock, v->addr)) return true;
    if (lock.root == ROOT_OF_VAL(argv[i])) return true;
  }
  return false;
}

/* Argument i escapes: its value, and when it is a struct passed by value,
   the fields the callee receives a copy of. */
static void escape_arg(Ctx *x, State *s, const Stmt *st, const int *argv, int i) {
  escape_value(x, s, argv[i]);
  Cell c;
  const Expr *e = st->args[i];
  if (e->kind == EXPR_PATH && cell_of_path(x, s, e->path, &c)) escape_cell_contents(x, s, c);
}

static void call_opaque(Ctx *x, State *s, const Stmt *st, const int *argv, bool may_unlock) {
  for (int i = 0; i < st->nargs; i++)
    escape_arg(x, s, st, argv, i);
  /* Locks are scoped: passing one to a library function does not unlock it,
     but a function of the program (or a callback) may be an unlock helper. */
  if (!may_unlock) return;
  for (int i = 0; i < s->nres;) {
    if (s->res[i].kind->scoped && lock_reachable(x, s, s->res[i].lock, argv, st->nargs))
      res_drop(s, i);
    else
      i++;
  }
}

/* A function known only by its declaration that says it reads: a printf-like
   function (format attribute) borrows every argument; otherwise an argument
   passed as a pointer to const keeps its own object (the callee cannot free
   it without a cast) while what is stored inside that object escapes, and
   any other argument escapes as for an opaque callee. */
static void call_declared(Ctx *x, State *s, const Stmt *st, const int *argv, const FuncDecl *d) {
  if (d->printf_like) return;
  for (int i = 0; i < st->nargs; i++) {
    if (i < 32 && i < d->nparams && (d->const_params >> i & 1))
      escape_pointee(x, s, argv[i]);
    else
      escape_arg(x, s, st, argv, i);
  }
}

/* A cleanup function nobody described: it releases what the variable holds
   and, through it, what that points to. */
static void cleanup_unknown(Ctx *x, State *s, const Stmt *st, const int *argv) {
  if (st->nargs < 1 || s->vals[argv[0]].kind != VK_ADDR) return;
  Cell c = s->vals[argv[0]].addr;
  int held = read_cell(x, s, c);
  int r = res_of_val(s, held);
  if (r >= 0 && s->res[r].status == RS_OWNED) {
    s->res[r].status = RS_RELEASED;
    s->res[r].released_at = st;
  }
  escape_cell_contents(x, s, c);
}

/* ---- Calls --------------------------------------------------------------- */

static bool arg_mentioned(const FuncRule *r, int i) {
  if ((r->hands_back && r->hands_back_arg == i) || (i < 32 && (r->ref_mask >> i & 1))) return true;
  for (int k = 0; k < r->nreleases; k++)
    if (r->releases[k].target.arg == i) return true;
  for (int k = 0; k < r->nacquires; k++)
    if (r->acquires[k].target.arg == i) return true;
  for (int k = 0; k < r->ntransfers; k++)
    if (r->transfers[k].from.arg == i) return true;
  for (int k = 0; k < r->nstores; k++)
    if (r->stores[k].what.arg == i) return true;
  return false;
}

/* ---- Stores ---------------------------------------------------------------- */

enum { MAX_STORED = 8 }; /* values kept per object before we lose track */

/* Worth following into the memory it is copied to: a resource, a pointer
   into an object, or (summaries) a parameter's own value. Bytes read from
   memory the caller passed are data: copying them takes nothing away. */
static bool carries_something(const State *s, int v) {
  const Val *val = &s->vals[v];
  return res_of_val(s, v) >= 0 || val->kind == VK_ADDR || val->base >= 0 ||
         (val->origin && val->origin->nsteps == 0);
}

static bool store_applies(Ctx *x, State *s, const Stmt *st, const Store *sto) {
  long k;
  if (!sto->nif || sto->if_arg >= st->nargs || !expr_const_value(x, s, st->args[sto->if_arg], &k))
    return true;
  for (int i = 0; i < sto->nif; i++)
    if (sto->if_vals[i] == k) return true;
  return false;
}

/* `stores WHAT in argJ`. Into an object this function owns (a resource it
   holds, or its own local), the value goes into a cell of that object, so
   it leaves with the object if the object escapes and stays owned here
   otherwise; into anything else it escapes. */
/* v goes into obj's "(stored)" cells, leaving with obj (or escapes when
   they are full). */
static void keep_in(Ctx *x, State *s, Cell obj, int v) {
  int kept = chain_step(x, obj.chain, false, "(stored)", 0);
  for (int k = 0; k < MAX_STORED; k++) {
    Cell to = {obj.root, chain_step(x, kept, true, NULL, k)};
    int i = slot_find(s, to);
    if (i >= 0 && s->slots[i].val != v) continue;
    write_cell(x, s, to, v);
    return;
  }
  escape_value(x, s, v);
}

static void apply_store(Ctx *x, State *s, const Stmt *st, const int *argv, const FuncRule *rule,
                        const Store *sto) {
  int v;
  Cell cell;
  bool has_cell;
  if (!store_applies(x, s, st, sto)) {
    if (sto->what.arg < st->nargs && !rules_borrows_arg(rule, sto->what.arg))
      escape_value(x, s, argv[sto->what.arg]);
    return;
  }
  if (!target_resolve(x, s, st, argv, -1, &sto->what, &v, &cell, &has_cell)) {
    if (sto->what.arg < st->nargs) escape_value(x, s, argv[sto->what.arg]);
    return;
  }
  int c = sto->in < st->nargs ? argv[sto->in] : -1;
  int r = c >= 0 ? res_of_val(s, c) : -1;
  bool owned = r >= 0 && s->res[r].status == RS_OWNED && !s->res[r].kind->scoped;
  Cell obj;
  if (c >= 0 && s->vals[c].kind == VK_ADDR && cell_deref(x, s, c, &obj) &&
      !cell_is_external(x, s, obj))
    owned = true;
  else if (owned)
    cell_deref(x, s, c, &obj);
  if (!owned) {
    /* Summaries: the pointee of a parameter copied away (`memcpy(slot,
       item, size)`): the caller's value there escapes. */
    const Origin *o = s->vals[v].origin;
    if (o && o->nsteps == 1 && o->steps[0].kind == STEP_DEREF)
      pe_add(x, s, (ParamEffect){.origin = o, .what = PE_ESCAPED_DEREF});
    if (!has_cell || carries_something(s, v)) escape_value(x, s, v);
    for (int i = 0; has_cell && i < s->nslots; i++)
      if (cell_within(x, s->slots[i].cell, cell) && carries_something(s, s->slots[i].val))
        escape_value(x, s, s->slots[i].val);
    return;
  }
  /* A struct copied whole (`memcpy(new, &o, sizeof o)`): what its fields
     hold leaves with the object too. */
  for (int i = 0; has_cell && i < s->nslots; i++) {
    Cell sub = s->slots[i].cell;
    if (sub.chain != cell.chain && cell_within(x, sub, cell) &&
        carries_something(s, s->slots[i].val))
      keep_in(x, s, obj, s->slots[i].val);
  }
  if (!carries_something(s, v) && !s->vals[v].origin)
    return; /* a plain value: nothing to keep track of */
  keep_in(x, s, obj, v);
}

static void write_result(Ctx *x, State *s, const Block *b, int si, int retv) {
  const Stmt *st = b->stmts[si];
  if (!st->lhs) return;
  Cell c;
  if (!cell_of_path(x, s, st->lhs, &c)) {
    escape_value(x, s, retv);
    return;
  }
  int held = slot_find(s, c);
  if (held >= 0 && s->slots[held].val == retv) return; /* s = str_trim(s): the same value */
  check_overwrite(x, s, c, st->lhs, b, si);
  write_cell(x, s, c, retv);
}

/* The owned resource a transfer would move, or -1. */
static int transfer_source(Ctx *x, State *s, const Stmt *st, const int *argv, int retv,
                           const Transfer *t) {
  int v;
  Cell cell;
  bool has_cell;
  if (!target_resolve(x, s, st, argv, retv, &t->from, &v, &cell, &has_cell)) return -1;
  int r = res_of_val(s, v);
  if (r < 0 || s->res[r].status != RS_OWNED || !res_may_succeed(s, &s->res[r])) return -1;
  return r;
}

/* ---- References, hand-backs, conditional releases ------------------------- */

enum { MAX_REFS = 8 }; /* references counted per object before we lose track */

/* `refs K at argN`: one more release is owed for the object. Counted for
   an object this function holds; on any other (a parameter, a borrowed
   getter result, a value read from memory) the new reference usually
   belongs to whatever the code stores the object in next, or to a
   container that took it just before (`dbAdd(db, key, val);
   incrRefCount(val)`), which cannot be told: it is not tracked. */
static void apply_ref(Ctx *x, State *s, int v) {
  int r = res_of_val(s, v);
  if (r < 0 || s->res[r].status != RS_OWNED) return;
  if (s->res[r].refs < MAX_REFS)
    s->res[r].refs++;
  else
    escape_value(x, s, v); /* too many to count: lost track */
}

/* `hands back argN`: the call returns argN's resource. In place, the same
   pointer comes back; otherwise it may have moved, and only the returned
   value holds it (a bare call loses it). */
static int apply_hand_back(Ctx *x, State *s, const Stmt *st, const FuncRule *rule, const int *argv,
                           int retv) {
  if (rule->hands_back_arg >= st->nargs) return retv;
  int v = argv[rule->hands_back_arg];
  if (rule->hands_back_in_place) return v;
  int r = res_of_val(s, v);
  /* Not ours (a parameter): what comes back is still what the caller
     passed, as far as the caller can tell (summaries see it so). */
  if (r < 0 || s->res[r].status != RS_OWNED) return v;
  if (!st->lhs) {
    if (res_may_succeed(s, &s->res[r])) report_ignored(x, s, st, s->res[r].kind, rule);
    res_drop(s, r);
    return retv;
  }
  s->res[r].val = retv;
  return retv;
}

/* `releases F at T when ret OP V`. Where the return value may go either
   way the path splits (released on one side, still owned on the other)
   unless this call split already: then the resource is forgotten, as a
   release we cannot place. */
static void apply_cond_release(Ctx *x, State *s, const Stmt *st, const int *argv, int retv,
                               const Release *rel, const FuncRule *rule, State **fork) {
  const Val *rv = &s->vals[retv];
  bool yes = val_may(rv, rel->when.op, rel->when.value);
  bool no = val_may(rv, cmp_negate(rel->when.op), rel->when.value);
  if (yes && no && fork && !*fork) {
    State *f = state_clone(x, s);
    if (refine_value(x, f, retv, cmp_negate(rel->when.op), rel->when.value)) *fork = f;
    refine_value(x, s, retv, rel->when.op, rel->when.value);
  } else if (yes && no) {
    Release maybe = *rel;
    maybe.partial = true;
    apply_release(x, s, st, argv, retv, &maybe, rule);
    return;
  }
  if (yes) apply_release(x, s, st, argv, retv, rel, rule);
}

static void apply_cond_releases(Ctx *x, State *s, const Stmt *st, const int *argv, int retv,
                                const FuncRule *rule, State **fork) {
  for (int i = 0; i < rule->nreleases; i++)
    if (rule->releases[i].conditional)
      apply_cond_release(x, s, st, argv, retv, &rule->releases[i], rule, fork);
}

/* `owns elements [if argN]`: the container just returned releases what is
   stored in it, unless argN (the free callback) is NULL. */
static void mark_owner(Ctx *x, State *s, const Stmt *st, const FuncRule *rule, int retv) {
  long k;
  if (rule->owns_if_arg >= 0 &&
      (rule->owns_if_arg >= st->nargs ||
       (expr_const_value(x, s, st->args[rule->owns_if_arg], &k) && k == 0)))
    return;
  int r = res_of_val(s, retv);
  if (r >= 0) s->res[r].owns_elems = true;
}

/* `sets *arg0 to arg1`: the value lands in the named memory. */
static void apply_set(Ctx *x, State *s, const Stmt *st, const int *argv, int retv,
                      const FuncRule *rule) {
  int v;
  Cell cell;
  bool has_cell;
  if (rule->set_src >= st->nargs ||
      !target_resolve(x, s, st, argv, retv, &rule->set_dst, &v, &cell, &has_cell) || !has_cell)
    return;
  write_cell(x, s, cell, argv[rule->set_src]);
}

/* Does acquisition a of this call need no release? `unless` decided true
   on this path, or the function the call runs (a thread's start routine)
   never returns or releases its own resource of a's family. */
static bool acquire_waived(Ctx *x, State *s, const Stmt *st, const int *argv, int retv,
                           const FuncRule *rule, const Acquire *a) {
  int v;
  Cell cell;
  bool has_cell;
  long c;
  if (rule->has_unless &&
      target_resolve(x, s, st, argv, retv, &rule->unless_at, &v, &cell, &has_cell) &&
      val_is_const(&s->vals[v], &c) && cmp_fold(rule->unless_op, c, rule->unless_c))
    return true;
  if (!rule->runs || rule->runs_arg >= st->nargs) return false;
  const Expr *e = st->args[rule->runs_arg];
  if (e->kind != EXPR_FUNC || !e->text) return false;
  const FuncRule *r = callee_rule(x, e->text);
  if (!r) return false;
  return r->noreturn || (r->releases_own && strcmp(r->releases_own, a->kind->family) == 0);
}

/* `returns N when argK in (...)`: argument K is one of those constants. */
static bool rule_ret_when_holds(Ctx *x, State *s, const FuncRule *rule, const Stmt *st,
                                const int *argv) {
  (void)x;
  long c;
  int k = rule->ret_when_arg;
  if (k < 0 || k >= st->nargs || !val_is_const(&s->vals[argv[k]], &c)) return false;
  for (int i = 0; i < rule->ret_when_n; i++)
    if (rule->ret_when_vals[i] == c) return true;
  return false;
}

/* What v points to was copied away by the callee (FuncRule.escape_deref_mask):
   the values held there escape (in a summary, as this function's own
   pointee escape of the parameter v came from). */
static void escape_pointee_of(Ctx *x, State *s, int v) {
  const Origin *o = s->vals[v].origin;
  if (o && o->nsteps == 0) /* a parameter passed on as it came */
    pe_add(x, s,
           (ParamEffect){.origin = origin_extend(x, o, (TargetStep){STEP_DEREF, NULL, 0}),
                         .what = PE_ESCAPED_DEREF});
  Cell c;
  if (cell_deref(x, s, v, &c)) escape_cell_contents(x, s, c);
}

/* A returned resource acquired means the callee left `*argN` non-zero
   (ret_ok_nonzero): the path splits into the failure, and the success
   with those values known, so that the caller's test of *argN decides
   whether it owns the result. */
static void split_on_result(Ctx *x, State *s, const Stmt *st, const int *argv, int retv,
                            const FuncRule *rule, State **fork) {
  const Acquire *a = NULL;
  for (int i = 0; i < rule->nacquires && !a; i++)
    if (rule->acquires[i].target.arg == TARGET_RET && !rule->acquires[i].when.always)
      a = &rule->acquires[i];
  if (!a || res_of_val(s, retv) < 0) return;
  State *ok = state_clone(x, s), *failed = state_clone(x, s);
  bool feasible = refine_value(x, ok, retv, a->when.op, a->when.value) &&
                  refine_value(x, failed, retv, cmp_negate(a->when.op), a->when.value);
  for (int i = 0; i < st->nargs && i < 32 && feasible; i++) {
    Cell c;
    if (!(rule->ret_ok_nonzero >> i & 1) || !cell_deref(x, ok, argv[i], &c)) continue;
    feasible = refine_value(x, ok, read_cell(x, ok, c), CMP_NE, 0);
  }
  if (!feasible) return;
  *s = *ok;
  *fork = failed;
}

static void apply_rule(Ctx *x, State *s, const Block *b, int si, const FuncRule *rule,
                       const int *argv, int retv, State **fork) {
  const Stmt *st = b->stmts[si];
  for (int i = 0; i < rule->nreleases; i++)
    if (!rule->releases[i].conditional)
      apply_release(x, s, st, argv, retv, &rule->releases[i], rule);
  for (int i = 0; i < st->nargs && i < 32; i++)
    if (rule->ref_mask >> i & 1) apply_ref(x, s, argv[i]);
  for (int i = 0; i < rule->nstores; i++)
    apply_store(x, s, st, argv, rule, &rule->stores[i]);
  if (rule->has_set) apply_set(x, s, st, argv, retv, rule);
  for (int i = 0; i < st->nargs; i++) {
    bool borrowed = rule->borrow_all || (i < 32 && (rule->borrow_mask >> i & 1));
    bool escapes = i < 32 && (rule->escape_mask >> i & 1);
    if (escapes || (!borrowed && !arg_mentioned(rule, i)))
      escape_arg(x, s, st, argv, i);
    else if (i < 32 && (rule->escape_deref_mask >> i & 1))
      escape_pointee_of(x, s, argv[i]);
  }

  /* What the callee writes through a pointer argument is not what the
     caller had there. A resource held only there stays: the rule says
     what became of it. */
  for (int i = 0; i < st->nargs && i < 32; i++) {
    Cell c;
    if (!(rule->writes_mask >> i & 1) || !cell_deref(x, s, argv[i], &c)) continue;
    bool only_there = false;
    for (int k = 0; k < s->nslots && !only_there; k++) {
      if (!cell_within(x, s->slots[k].cell, c) || res_of_val(s, s->slots[k].val) < 0) continue;
      only_there = true;
      for (int m = 0; m < s->nslots && only_there; m++)
        only_there = s->slots[m].val != s->slots[k].val || cell_within(x, s->slots[m].cell, c);
    }
    if (!only_there) write_cell(x, s, c, val_new(x, s));
  }

  /* Transfers: with an owned source and an acquisition that can fail, the
     path splits. The failure side is built first, from the state as it is
     before any acquisition. */
  bool split = false;
  for (int i = 0; i < rule->ntransfers && st->lhs; i++) {
    const Transfer *t = &rule->transfers[i];
    if (t->to < 0 || t->to >= rule->nacquires || rule->acquires[t->to].when.always) continue;
    if (transfer_source(x, s, st, argv, retv, t) >= 0) split = true;
  }
  if (split) {
    State *f = state_clone(x, s);
    bool ok = true;
    for (int i = 0; i < rule->nacquires && ok; i++) {
      const Acquire *a = &rule->acquires[i];
      if (a->when.always)
        apply_acquire(x, f, b, si, argv, retv, rule, a);
      else
        ok = refine_value(x, f, retv, cmp_negate(a->when.op), a->when.value);
    }
    for (int i = 0; i < rule->ntransfers && ok; i++) {
      const Transfer *t = &rule->transfers[i];
      int r = t->forget_on_failure ? transfer_source(x, f, st, argv, retv, t) : -1;
      if (r >= 0) escape_value(x, f, f->res[r].val);
    }
    if (ok) {
      write_result(x, f, b, si, retv);
      *fork = f;
    }
    for (int i = 0; i < rule->nacquires; i++) {
      const Acquire *a = &rule->acquires[i];
      if (!a->when.always) refine_value(x, s, retv, a->when.op, a->when.value);
    }
  }
  for (int i = 0; i < rule->ntransfers; i++) {
    const Transfer *t = &rule->transfers[i];
    if (!st->lhs && t->to >= 0 && t->to < rule->nacquires &&
        rule->acquires[t->to].target.arg == TARGET_RET)
      continue; /* the new resource is dropped: the old one stays ours */
    int r = transfer_source(x, s, st, argv, retv, t);
    if (r >= 0) {
      /* What the moved resource holds goes with it (createObject(type, zs)
         takes zs and the dict stored in zs->dict). */
      escape_value(x, s, s->res[r].val);
    } else if (x->summary_mode && t->to >= 0 && t->to < rule->nacquires) {
      /* A parameter's resource moving into the new one: the summary's
         callers must see the move (`*plist = curl_slist_append(*plist, s)`
         in a helper). */
      int v;
      Cell cell;
      bool has_cell;
      const Acquire *a = &rule->acquires[t->to];
      if (target_resolve(x, s, st, argv, retv, &t->from, &v, &cell, &has_cell) && s->vals[v].origin)
        pe_add(x, s,
               (ParamEffect){.origin = s->vals[v].origin,
                             .what = PE_MOVED,
                             .acq = st,
                             .cond_val = a->when.always ? -1 : retv,
                             .cond_op = a->when.op,
                             .cond_c = a->when.value});
    }
  }
  for (int i = 0; i < rule->nacquires; i++)
    if (!acquire_waived(x, s, st, argv, retv, rule, &rule->acquires[i]))
      apply_acquire(x, s, b, si, argv, retv, rule, &rule->acquires[i]);
  if (rule->owns_elements) mark_owner(x, s, st, rule, retv);
  if (rule->hands_back) retv = apply_hand_back(x, s, st, rule, argv, retv);
  write_result(x, s, b, si, retv);
  /* A transfer's failure side was split off already: it cannot split again. */
  State *split_before = *fork;
  apply_cond_releases(x, s, st, argv, retv, rule, split_before ? NULL : fork);
  if (split_before) apply_cond_releases(x, split_before, st, argv, retv, rule, NULL);
  if (rule->ret_ok_nonzero && !*fork) split_on_result(x, s, st, argv, retv, rule, fork);
}

/* What a `permanent` function's call acquired lives for the whole process. */
static void mark_permanent(State *s, const Stmt *st) {
  for (int i = 0; i < s->nres; i++)
    if (s->res[i].acq == st) s->res[i].permanent = true;
}

/* ---- Calls through pointers ------------------------------------------------- */

typedef struct IndirectCall {
  const Stmt *st;
  const FuncRule *rule; /* NULL: opaque */
  bool noreturn;        /* every target never returns */
} IndirectCall;

/* What a call through a pointer does; the one place that decides it. A
   rule naming the pointer through a member (`hooks.alloc`, issue 16's
   rules), then one naming the global or static variable called through (an allocator
   hook, `void *(*my_malloc)(size_t)` behind a malloc macro) comes first;
   otherwise, when every function the variable may hold is known
   (FnTargets), the call is a call to each: one target's rule or summary,
   or the join of several (rules_join). A target known by neither makes
   the call opaque; a target that never returns adds nothing, since the
   path goes on only through the others. Computed once per statement. */
static const IndirectCall *indirect_call(Ctx *x, const Stmt *st) {
  for (int i = 0; i < x->indirect.len; i++) {
    const IndirectCall *ic = x->indirect.data[i];
    if (ic->st == st) return ic;
  }
  IndirectCall *ic = ARENA_NEW(&x->keep, IndirectCall);
  ic->st = st;
  vec_push(&x->keep, &x->indirect, ic);
  /* A rule naming the pointer through its members ("hooks.alloc"). */
  if (x->c->rules &&
      (ic->rule = rules_find_indirect(x->c->rules, st->fnptr_path, st->fnptr_member))) {
    ic->noreturn = ic->rule->noreturn;
    return ic;
  }
  const Var *v = st->fnvar;
  if (!v) return ic;
  if ((v->kind == VAR_GLOBAL || v->kind == VAR_STATIC) && x->c->rules &&
      (ic->rule = rules_find_func(x->c->rules, v->name))) {
    ic->noreturn = ic->rule->noreturn;
    return ic;
  }
  const FnTargets *t = var_fn_targets(v);
  if (!t) return ic;
  const FuncRule **rs = ARENA_ARRAY(&x->keep, const FuncRule *, t->ntargets);
  int n = 0;
  for (int i = 0; i < t->ntargets; i++) {
    const FuncRule *r = callee_rule(x, t->targets[i]);
    const FuncDecl *d = x->c->unit ? unit_find_decl(x->c->unit, t->targets[i]) : NULL;
    if ((r && r->noreturn) || (!r && d && d->noreturn)) continue;
    if (!r) return ic;
    rs[n++] = r;
  }
  if (n == 0)
    ic->noreturn = true;
  else
    ic->rule = n == 1 ? rs[0] : rules_join(&x->keep, v->name, rs, n);
  return ic;
}

/* Summary mode: what this path knows about the arguments of a direct
   call, joined into the call statement's record (the callee's
   preconditions are the join of these over all its call sites). */
static bool same_ptr(const void *a, const void *b) {
  return a == b;
}

static void note_call_facts(Ctx *x, State *s, const Stmt *st, const int *argv) {
  unsigned h = (unsigned)((uintptr_t)st >> 4) * 2654435761u;
  CallFacts *cf = map_get(&x->call_recs, h, st, same_ptr);
  bool fresh = !cf;
  if (fresh) {
    cf = ARENA_NEW(x->calls_arena, CallFacts);
    cf->callee = st->callee;
    cf->nargs = st->nargs < CALL_FACT_ARGS ? st->nargs : CALL_FACT_ARGS;
    map_put(&x->keep, &x->call_recs, h, st, cf, same_ptr);
    vec_push(x->calls_arena, x->calls, cf);
  }
  for (int i = 0; i < cf->nargs; i++) {
    const Val *v = &s->vals[argv[i]];
    bool nz = val_nonzero(v);
    ArgFact *a = &cf->args[i];
    if (fresh) {
      *a = (ArgFact){v->lo, v->hi, nz};
    } else {
      if (v->lo < a->lo) a->lo = v->lo;
      if (v->hi > a->hi) a->hi = v->hi;
      a->nonzero = a->nonzero && nz;
    }
  }
}

/* The call's result as the rule knows it: one of its arguments, a
   constant, a range, or a constant when the arguments say so. retv is a
   fresh value, so refining it to the range cannot make it empty. */
static int rule_result(Ctx *x, State *s, const Stmt *st, const FuncRule *rule, const int *argv,
                       int retv) {
  if (rule->returns_arg > 0 && rule->returns_arg <= st->nargs)
    retv = argv[rule->returns_arg - 1]; /* the result is that argument's value */
  else if (rule->returns_into > 0 && rule->returns_into <= st->nargs)
    s->vals[retv].base = pointer_base(s, argv[rule->returns_into - 1]);
  if (rule->ret_fixed) val_set_const(&s->vals[retv], rule->ret_value);
  if (rule->ret_range) {
    val_refine(&s->vals[retv], CMP_GE, rule->ret_lo);
    val_refine(&s->vals[retv], CMP_LE, rule->ret_hi);
  }
  if (rule->ret_when && rule_ret_when_holds(x, s, rule, st, argv))
    val_set_const(&s->vals[retv], rule->ret_when_value);
  return retv;
}

CallResult apply_call(Ctx *x, State *s, const Block *b, int si, State **fork) {
  const Stmt *st = b->stmts[si];
  *fork = NULL;
  int *argv = ARENA_ARRAY(&x->a, int, st->nargs + 1);
  for (int i = 0; i < st->nargs; i++)
    argv[i] = eval_expr(x, s, st->args[i]);
  if (x->calls && st->callee) note_call_facts(x, s, st, argv);
  int retv = val_new(x, s);

  if (!st->callee) {
    if (st->fnptr) eval_expr(x, s, st->fnptr);
    const IndirectCall *ic = indirect_call(x, st);
    if (ic->noreturn) return CALL_END;
    if (ic->rule) {
      retv = rule_result(x, s, st, ic->rule, argv, retv);
      apply_rule(x, s, b, si, ic->rule, argv, retv, fork);
      return CALL_GO;
    }
    call_opaque(x, s, st, argv, true);
    write_result(x, s, b, si, retv);
    return CALL_GO;
  }
  const FuncRule *rule = callee_rule(x, st->callee);
  const FuncDecl *d = x->c->unit ? unit_find_decl(x->c->unit, st->callee) : NULL;
  if ((rule && rule->noreturn) || (!rule && d && d->noreturn)) return CALL_END;
  for (int i = 0; rule && i < st->nargs && i < 32; i++) {
    const Val *v = &s->vals[argv[i]];
    if ((rule->derefs_args >> i & 1) && v->kind == VK_PLAIN && v->lo == 0 && v->hi == 0)
      return CALL_CRASH;
  }
  if (rule) {
    retv = rule_result(x, s, st, rule, argv, retv);
    apply_rule(x, s, b, si, rule, argv, retv, fork);
    const FuncRule *own = x->c->rules ? rules_find_func(x->c->rules, st->callee) : NULL;
    if (own && own->permanent) {
      mark_permanent(s, st);
      if (*fork) mark_permanent(*fork, st);
    }
    return CALL_GO;
  }
  if (st->is_cleanup) {
    cleanup_unknown(x, s, st, argv);
    return CALL_GO;
  }
  if (d && (d->printf_like || (!d->has_body && d->const_params)))
    call_declared(x, s, st, argv, d);
  else
    call_opaque(x, s, st, argv, !d || d->has_body);
  write_result(x, s, b, si, retv);
  return CALL_GO;
}

/* Writing to a cell that holds the last reference to an owned resource
   loses it (CWE-773): reported here rather than as a leak at the exit.
   `holder` or `name` says what was overwritten. */
static void overwrite(Ctx *x, State *s, Cell c, const Path *holder, const char *name,
                      const Block *b, int si) {
  int i = slot_find(s, c);
  if (i < 0) return;
  int old = s->slots[i].val;
  int r = res_of_val(s, old);
  if (r < 0 || s->res[r].status != RS_OWNED || !res_may_succeed(s, &s->res[r])) return;
  if (s->res[r].permanent || s->res[r].kind->permanent) return;
  if (s->res[r].linked || value_held_elsewhere(x, s, old, c, b, si)) return;
  const Stmt *st = b->stmts[si];
  if (holder) {
    Buf buf = {0};
    path_print(&x->keep, &buf, holder);
    name = buf_str(&x->keep, &buf);
  }
  /* A variable declared in a loop body is a new object each turn: the
     previous turn's resource went out of scope, which is a leak (with this
     point as where it ended), not an overwrite. */
  if (c.root >= 0 && var_local_to_loop(x, b, x->f->vars[c.root])) {
    Trace *t = trace_push(x, s->trace, EV_SCOPE, st->loc);
    t->stmt = st;
    t->text = name;
    report_leak(x, s, &s->res[r], st->loc, t);
  } else {
    report_at(x, FIND_LOST_REFERENCE, s, &s->res[r], st, name, NULL);
  }
  res_drop(s, r);
}

void check_overwrite(Ctx *x, State *s, Cell c, const Path *holder, const Block *b, int si) {
  overwrite(x, s, c, holder, NULL, b, si);
}
