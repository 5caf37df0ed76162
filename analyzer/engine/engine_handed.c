/*
 * engine_handed.c - resources a failing function leaves in its caller's
 * memory.
 *
 * `*out = fd; ... if (err) return -1;`: the socket is in memory the caller
 * passed, and the function returns its failure value. A caller that sees
 * the failure takes nothing, so the socket leaks in this function, at that
 * return. Whether a returned constant means "failure, nothing acquired" is
 * a convention, learned rather than assumed:
 *
 *   - from the function itself: an out-parameter's failure value is a
 *     negative constant the function also returns with nothing handed out;
 *     for a field of a struct the caller passed (`c->fd = fd`), where the
 *     other common convention is that the caller's cleanup of the struct
 *     runs on failure too, it must also have undone a store into the same
 *     argument's struct on another return of that value (`close(c->fd);
 *     c->fd = -1; return -1;`). Undoing a store into one struct says
 *     nothing about another: a record also linked into a registry the
 *     caller passed (`p->pids = rec`) stays there when the function fails;
 *   - from its callers, when all are in sight (FailSite, gathered by the
 *     summary pass): each tests the result and, on the failure branch,
 *     leaves what it passed alone. One caller that cleans up on failure
 *     is enough to say nothing.
 *
 * The engine marks the stores (RS_HANDED, engine_state.c); this file looks
 * at each return and decides once every path is known.
 */
#include "engine_int.h"

typedef struct HandedEnd {
  Res res;
  Loc point;
  const Trace *trace;
  long c; /* the constant returned */
} HandedEnd;

static bool has_long(const Vec *v, long c) {
  for (int k = 0; k < v->len; k++)
    if (*(long *)v->data[k] == c) return true;
  return false;
}

static void add_long(Ctx *x, Vec *v, long c) {
  if (has_long(v, c)) return;
  long *l = ARENA_NEW(&x->keep, long);
  *l = c;
  vec_push(&x->keep, v, l);
}

/* A pair (a, b): a resource's acq_key and the argument whose struct holds
   it (field_keys), or a failure constant and the argument whose store it
   undid (undo_failures). */
typedef struct KeyArg {
  long a;
  int b;
} KeyArg;

static bool has_pair(const Vec *v, long a, int b) {
  for (int k = 0; k < v->len; k++) {
    const KeyArg *p = v->data[k];
    if (p->a == a && p->b == b) return true;
  }
  return false;
}

static void add_pair(Ctx *x, Vec *v, long a, int b) {
  if (has_pair(v, a, b)) return;
  KeyArg *p = ARENA_NEW(&x->keep, KeyArg);
  *p = (KeyArg){a, b};
  vec_push(&x->keep, v, p);
}

/* Whether following what f stores into its callers' structs can find
   anything: f returns int and has a negative constant to return (directly
   or through a variable: `rc = -1; goto out;`). Such stores are common
   (setters, option parsers filling a config), and each one followed is
   state the exploration carries; functions that cannot fail with a
   negative constant keep the old, cheaper treatment (the store escapes). */
static bool is_returned(const Func *f, const Var *v) {
  for (int b = 0; b < f->nblocks; b++) {
    const Expr *e = f->blocks[b]->term.kind == TERM_RETURN ? f->blocks[b]->term.value : NULL;
    if (e && e->kind == EXPR_PATH && e->path->kind == PATH_VAR && e->path->var == v) return true;
  }
  return false;
}

bool handed_fields_wanted(const Func *f) {
  if (f->ret_type != TY_INT) return false;
  for (int b = 0; b < f->nblocks; b++) {
    const Block *bl = f->blocks[b];
    const Expr *v = bl->term.kind == TERM_RETURN ? bl->term.value : NULL;
    if (v && v->kind == EXPR_CONST && v->value < 0) return true;
    for (int k = 0; k < bl->nstmts; k++) {
      const Stmt *st = bl->stmts[k];
      if (st->kind == STMT_ASSIGN && st->rhs && st->rhs->kind == EXPR_CONST && st->rhs->value < 0 &&
          st->lhs && st->lhs->kind == PATH_VAR && is_returned(f, st->lhs->var))
        return true;
    }
  }
  return false;
}

void handed_note_field(Ctx *x, long acq_key, int arg) {
  add_pair(x, &x->field_keys, acq_key, arg);
}

/* Whether the path still leaves a resource in argument arg's struct. */
static bool still_handed(const State *s, int arg) {
  for (int i = 0; i < s->nres; i++) {
    const Res *r = &s->res[i];
    if (r->status == RS_HANDED && r->hand_field && r->hand_arg == arg && res_may_succeed(s, r))
      return true;
  }
  return false;
}

/* Notes c as a failure value for each argument whose struct the path
   released a stored resource from and left empty: the function undoes its
   stores into that struct when it returns c. */
static void note_undone(Ctx *x, const State *s, long c) {
  for (const Trace *t = s->trace; t; t = t->prev) {
    if (t->ev != EV_RELEASE) continue;
    for (int k = 0; k < x->field_keys.len; k++) {
      const KeyArg *f = x->field_keys.data[k];
      if (f->a == t->n && !still_handed(s, f->b)) add_pair(x, &x->undo_failures, c, f->b);
    }
  }
}

/* A return in a function returning int: what it says about resources left
   in the caller's memory. A path that hands something out and returns a
   negative constant is a candidate leak. */
void handed_check(Ctx *x, State *s, int v, Loc point) {
  if (x->summary_mode || x->f->ret_type != TY_INT || v < 0) return;
  long c;
  bool is_const = val_is_const(&s->vals[v], &c);
  bool handed = false;
  for (int i = 0; i < s->nres; i++) {
    const Res *r = &s->res[i];
    if (r->status != RS_HANDED || !res_may_succeed(s, r)) continue;
    handed = true;
    if (!is_const || c >= 0) continue;
    bool dup = false;
    for (int k = 0; k < x->handed_ends.len && !dup; k++) {
      const HandedEnd *h = x->handed_ends.data[k];
      dup =
          h->res.acq_key == r->acq_key && h->point.line == point.line && h->point.col == point.col;
    }
    if (dup) continue;
    HandedEnd *h = ARENA_NEW(&x->keep, HandedEnd);
    *h = (HandedEnd){*r, point, s->trace, c};
    vec_push(&x->keep, &x->handed_ends, h);
  }
  if (handed && val_may(&s->vals[v], CMP_GE, 0)) x->handed_success = true;
  if (!is_const || c >= 0) return;
  if (!handed) add_long(x, &x->bare_failures, c);
  if (x->field_keys.len) note_undone(x, s, c);
}

/* What the callers say about a resource left in argument `arg` when the
   function returns c: -1 some caller cleans up on failure, 1 every caller
   takes nothing, 0 cannot tell. Success is taken to be 0, the value the
   test must tell apart from c. */
static int callers_verdict(const Ctx *x, int arg, long c) {
  if (!x->fail_sites || x->fail_sites->len == 0 || arg < 0 || arg >= FAIL_SITE_ARGS) return 0;
  bool all = true;
  for (int i = 0; i < x->fail_sites->len; i++) {
    const FailSite *fs = x->fail_sites->data[i];
    int use = FAIL_UNKNOWN;
    if (fs->tested && arg < fs->nargs) {
      bool at_fail = cmp_fold(fs->op, c, fs->k), at_ok = cmp_fold(fs->op, 0, fs->k);
      if (at_fail != at_ok) use = fs->use[arg][at_fail ? 0 : 1];
    }
    if (use == FAIL_CLEANS) return -1;
    if (use != FAIL_TAKES_NOTHING) all = false;
  }
  return all ? 1 : 0;
}

/* Once every path is known: the function hands resources out on success
   (some path that does returns >= 0), and the constant a candidate returns
   is its failure value, by its own convention or its callers'. */
void handed_report(Ctx *x) {
  if (!x->handed_success) return;
  for (int i = 0; i < x->handed_ends.len; i++) {
    const HandedEnd *h = x->handed_ends.data[i];
    int callers = callers_verdict(x, h->res.hand_arg, h->c);
    if (callers < 0) continue;
    bool own = h->res.hand_field ? has_pair(&x->undo_failures, h->c, h->res.hand_arg)
                                 : has_long(&x->bare_failures, h->c);
    if (!own && callers == 0) continue;
    Trace *t = trace_push(x, h->trace, EV_HANDED, h->point);
    t->n = h->c;
    report_leak(x, NULL, &h->res, h->point, t);
  }
}
