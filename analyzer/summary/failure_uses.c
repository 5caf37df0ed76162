/*
 * failure_uses.c - how a caller treats the failure of each call it makes
 * (failure_uses.h).
 *
 * A site counts only when the caller tests the call's result before doing
 * anything else with it. For each argument and each branch of that test,
 * the blocks the branch reaches (its region: up to the function's returns,
 * so a `goto fail` to a shared cleanup is in it) are read for what touches
 * the argument's root variable, or any variable a value read from it was
 * copied into:
 *
 *   - a call that releases something reached from it, stores it away,
 *     moves it, or whose effect is unknown (no rule, no summary), a
 *     return of it, or a store of it into memory that outlives the caller:
 *     the branch may clean up (FAIL_CLEANS);
 *   - otherwise, when the argument is the caller's own storage (`&c`,
 *     `&c.conn` of a local, or a local pointer the branch frees: `free(c)`
 *     drops the object, not what is in it) and the branch returns: it
 *     takes nothing from the call (FAIL_TAKES_NOTHING);
 *   - anything else, such as an object the caller got from its own caller
 *     and whose cleanup is someone else's: FAIL_UNKNOWN.
 *
 * Errors go one way only: whatever cannot be read makes a branch unknown
 * or cleaning, which can only keep the engine from reporting.
 */
#include "failure_uses.h"

#include <string.h>

enum { MAX_REGION = 512, MAX_TAINT = 16, MAX_HOPS = 4 };

typedef struct Taint {
  const Var *v[MAX_TAINT];
  int n;
  bool overflow;
} Taint;

static bool tainted(const Taint *t, const Var *v) {
  for (int i = 0; i < t->n; i++)
    if (t->v[i] == v) return true;
  return false;
}

static void taint_add(Taint *t, const Var *v) {
  if (!v || tainted(t, v)) return;
  if (t->n == MAX_TAINT) {
    t->overflow = true;
    return;
  }
  t->v[t->n++] = v;
}

static bool path_mentions(const Path *p, const Taint *t);

static bool expr_mentions(const Expr *e, const Taint *t) {
  if (!e) return false;
  switch (e->kind) {
  case EXPR_PATH:
  case EXPR_ADDR: return path_mentions(e->path, t);
  case EXPR_CMP:
  case EXPR_OP:
    for (int i = 0; i < e->nops; i++)
      if (expr_mentions(e->ops[i], t)) return true;
    return false;
  default: return false;
  }
}

static bool path_mentions(const Path *p, const Taint *t) {
  for (const Path *q = p; q; q = q->base) {
    if (q->kind == PATH_VAR) return tainted(t, q->var);
    if (q->kind == PATH_INDEX && expr_mentions(q->index_expr, t)) return true;
  }
  return false;
}

static bool is_own(const Var *v) {
  return v && (v->kind == VAR_LOCAL || v->kind == VAR_TEMP);
}

/* Storage of the function's own: a local and its members and elements,
   nothing reached through a pointer. */
static bool own_storage(const Path *p) {
  for (; p && p->kind != PATH_VAR; p = p->base)
    if (p->kind == PATH_ARROW || p->kind == PATH_DEREF) return false;
  return p && is_own(p->var) && p->var->type != TY_POINTER;
}

static const FuncRule *rule_of(const Callees *c, const char *name) {
  const FuncRule *r = c->rules ? rules_find_func(c->rules, name) : NULL;
  if (!r && c->lookup) r = c->lookup(c->lookup_ctx, c->unit, name);
  return r;
}

typedef struct Branch {
  bool cleans, discards, returns;
} Branch;

/* Argument j of call st mentions a tainted variable: what the call may do
   to it. `self`: the argument is exactly the pointer the site passed. */
static void call_use(const Callees *c, const Stmt *st, int j, bool self, Branch *b) {
  if (!st->callee) {
    b->cleans = true;
    return;
  }
  const FuncRule *r = rule_of(c, st->callee);
  if (!r) {
    const FuncDecl *d = c->unit ? unit_find_decl(c->unit, st->callee) : NULL;
    if (!d || !d->printf_like) b->cleans = true;
    return;
  }
  bool named = false;
  for (int k = 0; k < r->nreleases; k++) {
    const Release *rel = &r->releases[k];
    if (rel->target.arg != j) continue;
    named = true;
    if (self && rel->target.nsteps == 0 && !rel->partial)
      b->discards = true; /* free(c): the object goes, not what is in it */
    else
      b->cleans = true;
  }
  for (int k = 0; k < r->ntransfers; k++)
    if (r->transfers[k].from.arg == j) b->cleans = true;
  for (int k = 0; k < r->nstores; k++)
    if (r->stores[k].what.arg == j) b->cleans = true;
  if (j < 32 && (r->escape_mask >> j & 1)) b->cleans = true;
  if (!named && !r->from_summary && !rules_borrows_arg(r, j)) b->cleans = true;
}

static void stmt_use(const Callees *c, const Stmt *st, const Path *self, Taint *t, Branch *b) {
  if (st->kind == STMT_ASSIGN) {
    if (!expr_mentions(st->rhs, t)) return;
    if (st->lhs && is_own(st->lhs->var))
      taint_add(t, st->lhs->var);
    else
      b->cleans = true; /* kept where it outlives the caller */
    return;
  }
  bool any = false;
  for (int j = 0; j < st->nargs; j++) {
    const Expr *e = st->args[j];
    if (!expr_mentions(e, t)) continue;
    any = true;
    bool is_self = self && e->kind == EXPR_PATH && path_equal(e->path, self);
    call_use(c, st, j, is_self, b);
  }
  if (any && st->lhs) {
    if (is_own(st->lhs->var))
      taint_add(t, st->lhs->var);
    else
      b->cleans = true;
  }
}

/* What the blocks reached from `from` do with the tainted variables. */
typedef struct Scratch {
  const Block **q;
  uint8_t *seen;
} Scratch;

static void region_use(const Func *f, const Callees *c, const Block *from, const Path *self,
                       Taint *t, Branch *b, Scratch *sc) {
  const Block **q = sc->q;
  uint8_t *seen = sc->seen;
  memset(seen, 0, (size_t)f->nblocks);
  int n = 0;
  q[n++] = from;
  seen[from->id] = 1;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < q[i]->term.nsucc; k++) {
      const Block *s = q[i]->term.succ[k];
      if (seen[s->id]) continue;
      if (n == MAX_REGION) {
        b->cleans = true; /* too far to read: say nothing */
        return;
      }
      seen[s->id] = 1;
      q[n++] = s;
    }
  /* Twice, so a copy made late in a loop is seen by its earlier blocks. */
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < q[i]->nstmts; k++)
        stmt_use(c, q[i]->stmts[k], self, t, b);
      const Term *tm = &q[i]->term;
      if (tm->kind == TERM_RETURN) {
        if (expr_mentions(tm->value, t))
          b->cleans = true; /* handed on to its own caller */
        else
          b->returns = true;
      }
    }
  if (t->overflow) b->cleans = true;
}

static bool is_result(const Expr *e, const Var *v) {
  return v && e && e->kind == EXPR_PATH && e->path->kind == PATH_VAR && e->path->var == v;
}

static CmpOp swapped(CmpOp op) {
  switch (op) {
  case CMP_LT: return CMP_GT;
  case CMP_LE: return CMP_GE;
  case CMP_GT: return CMP_LT;
  case CMP_GE: return CMP_LE;
  default: return op;
  }
}

static bool writes(const Stmt *st, const Var *v) {
  return st->lhs && st->lhs->kind == PATH_VAR && st->lhs->var == v;
}

/* The test of the result of stmts[si] in b, when the result goes straight
   into it: its block (the branch's successors are the two outcomes). */
static const Block *result_test(const Block *b, int si, FailSite *fs) {
  const Stmt *call = b->stmts[si];
  if (!call->lhs || call->lhs->kind != PATH_VAR) return NULL;
  /* The result and the variable it is copied into (`if ((rc = f()) < 0)`). */
  const Var *v[2] = {call->lhs->var, NULL};
  for (int hop = 0; hop < MAX_HOPS; hop++) {
    for (int k = si + 1; k < b->nstmts; k++) {
      const Stmt *st = b->stmts[k];
      if (st->kind == STMT_CALL) return NULL; /* something else happens first */
      if (!v[1] && st->lhs && st->lhs->kind == PATH_VAR && is_result(st->rhs, v[0])) {
        v[1] = st->lhs->var;
        continue;
      }
      if (writes(st, v[0]) || (v[1] && writes(st, v[1]))) return NULL;
    }
    const Term *tm = &b->term;
    if (tm->kind == TERM_JUMP && tm->nsucc == 1) {
      b = tm->succ[0];
      si = -1;
      continue;
    }
    if (tm->kind != TERM_BRANCH || tm->nsucc != 2) return NULL;
    if ((is_result(tm->lhs, v[0]) || is_result(tm->lhs, v[1])) && tm->rhs &&
        tm->rhs->kind == EXPR_CONST) {
      fs->op = tm->cmp;
      fs->k = tm->rhs->value;
    } else if ((is_result(tm->rhs, v[0]) || is_result(tm->rhs, v[1])) && tm->lhs &&
               tm->lhs->kind == EXPR_CONST) {
      fs->op = swapped(tm->cmp);
      fs->k = tm->lhs->value;
    } else {
      return NULL;
    }
    fs->tested = true;
    return b;
  }
  return NULL;
}

static void site_of(const Func *f, const Callees *c, const Block *b, int si, FailSite *fs,
                    Scratch *sc) {
  const Stmt *call = b->stmts[si];
  fs->nargs = call->nargs < FAIL_SITE_ARGS ? call->nargs : FAIL_SITE_ARGS;
  const Block *test = result_test(b, si, fs);
  if (!test) return;
  for (int i = 0; i < fs->nargs; i++) {
    const Expr *e = call->args[i];
    if ((e->kind != EXPR_PATH && e->kind != EXPR_ADDR) || !e->path || !e->path->var) continue;
    /* The caller's own storage, or a local pointer it may throw away. */
    bool own = e->kind == EXPR_ADDR && own_storage(e->path);
    const Path *self = NULL;
    if (e->kind == EXPR_PATH && e->path->kind == PATH_VAR && is_own(e->path->var) &&
        e->path->var->type == TY_POINTER)
      self = e->path;
    for (int s = 0; s < 2; s++) {
      Taint t = {0};
      taint_add(&t, e->path->var);
      Branch br = {0};
      region_use(f, c, test->term.succ[s], self, &t, &br, sc);
      if (br.cleans)
        fs->use[i][s] = FAIL_CLEANS;
      else if (br.returns && (own || (self && br.discards)))
        fs->use[i][s] = FAIL_TAKES_NOTHING;
    }
  }
}

void failure_uses_of(const Func *f, const Callees *c, bool (*wanted)(const void *, const char *),
                     const void *wanted_ctx, Arena *a, Vec *out) {
  Scratch sc = {ARENA_ARRAY(a, const Block *, MAX_REGION + 1),
                ARENA_ARRAY(a, uint8_t, f->nblocks + 1)};
  for (int b = 0; b < f->nblocks; b++)
    for (int k = 0; k < f->blocks[b]->nstmts; k++) {
      const Stmt *st = f->blocks[b]->stmts[k];
      if (st->kind != STMT_CALL || !st->callee) continue;
      if (wanted && !wanted(wanted_ctx, st->callee)) continue;
      FailRec *r = ARENA_NEW(a, FailRec);
      r->callee = st->callee;
      site_of(f, c, f->blocks[b], k, &r->site, &sc);
      vec_push(a, out, r);
    }
}
