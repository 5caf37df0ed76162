/*
 * engine_guards.c - the facts a join must not lose: values that decide
 * whether a release runs.
 *
 * Past a few states per block the exploration joins states whose resources
 * agree (engine.c). A join widens every other fact, and that loses the
 * correlations a cleanup rests on:
 *
 *     if (0 == r->len) fd = open("/dev/null", O_RDONLY);  else pipe(fds);
 *     if (opt) { r->len = saved; ... }  (joined here: r->len now unknown)
 *     if (opt) r->len = -1;
 *     ...
 *     if (0 == r->len) close(fd); else { close(fds[0]); close(fds[1]); }
 *
 * Joined after the first `if (opt)`, the path that opened /dev/null reaches
 * the cleanup with r->len unknown and seems to take the branch that does
 * not close it. So a block's guards are the memory read by the conditions
 * of branches that lead straight to a release (a release call in the arm,
 * within a few blocks entered only from it). While a state owns the
 * resource such a release frees, it is joined first with a partner that
 * agrees on the facts of that guard; past GUARD_CAP states (engine.c) any
 * partner whose resources agree does, so long functions stay within
 * budget. States that own nothing a guard decides (a getopt loop filling
 * settings) join as before.
 */
#include "engine_int.h"

enum {
  MAX_GUARDS = 32, /* guard paths per function: cleanup code tests few values */
  ARM_DEPTH = 3,   /* blocks into a branch's arm searched for a release */
};

/* A path whose value decides whether the memory at `target` is released
   (`if (0 == r->len) close(fds[0]);`: r->len decides fds[0]). */
typedef struct Guard {
  const Path *path;
  const Path *target;
} Guard;

static void add_guard(Ctx *x, const Path *p, const Path *target) {
  for (int i = 0; i < x->guards.len; i++) {
    const Guard *g = x->guards.data[i];
    if (g->path == p && g->target == target) return;
  }
  if (x->guards.len == MAX_GUARDS) return;
  Guard *g = ARENA_NEW(&x->keep, Guard);
  *g = (Guard){p, target};
  vec_push(&x->keep, &x->guards, g);
}

static void add_paths(Ctx *x, const Expr *e, const Path *target) {
  if (!e) return;
  if (e->kind == EXPR_PATH) add_guard(x, e->path, target);
  for (int i = 0; i < e->nops; i++)
    add_paths(x, e->ops[i], target);
}

/* What the arm starting at b releases, before it joins other paths (a
   block with several ways in ends it): each argument a release names
   directly, guarded by t. */
static void arm_guards(Ctx *x, const Term *t, const Block *b, int depth) {
  if (depth == ARM_DEPTH || b->npreds != 1) return;
  for (int k = 0; k < b->nstmts; k++) {
    const Stmt *st = b->stmts[k];
    const FuncRule *r = st->kind == STMT_CALL && st->callee ? callee_rule(x, st->callee) : NULL;
    for (int m = 0; r && m < r->nreleases; m++) {
      const Target *tg = &r->releases[m].target;
      if (tg->arg < 0 || tg->arg >= st->nargs || tg->nsteps) continue;
      const Expr *a = st->args[tg->arg];
      if (a->kind != EXPR_PATH) continue;
      add_paths(x, t->lhs, a->path);
      add_paths(x, t->rhs, a->path);
    }
  }
  if (b->term.kind != TERM_JUMP && b->term.kind != TERM_BRANCH) return;
  for (int i = 0; i < b->term.nsucc; i++)
    arm_guards(x, t, b->term.succ[i], depth + 1);
}

void guards_compute(Ctx *x) {
  const Func *f = x->f;
  for (int i = 0; i < f->nblocks; i++) {
    const Term *t = &f->blocks[i]->term;
    if (t->kind != TERM_BRANCH) continue;
    for (int k = 0; k < t->nsucc; k++)
      arm_guards(x, t, t->succ[k], 0);
  }
}

/* The cell p names in s, found without reading anything new; false when
   some step is not known in s (a later read there gives a fresh value). */
static bool peek_cell(Ctx *x, const State *s, const Path *p, Cell *out) {
  Cell b;
  int i;
  switch (p->kind) {
  case PATH_VAR: *out = (Cell){p->var->id, 0}; return true;
  case PATH_FIELD:
    if (!peek_cell(x, s, p->base, &b)) return false;
    *out = (Cell){b.root, chain_step(x, b.chain, false, p->storage ? p->storage : p->field, 0)};
    return true;
  case PATH_ARROW:
  case PATH_DEREF:
    if (!peek_cell(x, s, p->base, &b) || (i = slot_find(s, b)) < 0 ||
        !cell_deref(x, s, s->slots[i].val, out))
      return false;
    if (p->kind == PATH_ARROW)
      *out = (Cell){out->root,
                    chain_step(x, out->chain, false, p->storage ? p->storage : p->field, 0)};
    return true;
  case PATH_INDEX:
    if (!p->index_known) return false;
    if (p->base->kind == PATH_VAR && p->base->var->type == TY_POINTER) {
      if ((i = slot_find(s, (Cell){p->base->var->id, 0})) < 0 ||
          !cell_deref(x, s, s->slots[i].val, &b))
        return false;
    } else if (!peek_cell(x, s, p->base, &b))
      return false;
    *out = (Cell){b.root, chain_step(x, b.chain, true, NULL, p->index)};
    return true;
  }
  return false;
}

/* The value at p in s, or -1 when s does not know it. */
static int peek_value(Ctx *x, const State *s, const Path *p) {
  Cell c;
  if (!peek_cell(x, s, p, &c)) return -1;
  int i = slot_find(s, c);
  return i < 0 ? -1 : s->slots[i].val;
}

/* Does the memory at target hold a resource s owns? */
static bool holds_owned(Ctx *x, const State *s, const Path *target) {
  int r = res_of_val(s, peek_value(x, s, target));
  return r >= 0 && s->res[r].status == RS_OWNED;
}

bool guards_agree(Ctx *x, const State *a, const State *b) {
  for (int i = 0; i < x->guards.len; i++) {
    const Guard *g = x->guards.data[i];
    if (!holds_owned(x, a, g->target)) continue;
    const Path *p = g->path;
    int va = peek_value(x, a, p), vb = peek_value(x, b, p);
    if (va < 0 && vb < 0) continue;
    if (va < 0 || vb < 0) {
      /* Known on one side only: the join forgets it. */
      if (val_has_facts(&(va < 0 ? b : a)->vals[va < 0 ? vb : va])) return false;
      continue;
    }
    if (!val_same_facts(&a->vals[va], &b->vals[vb])) return false;
  }
  return true;
}
