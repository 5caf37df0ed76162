/*
 * engine_cond.c - facts on values and what branch conditions teach.
 *
 * A value's facts are an interval [lo, hi] with up to two excluded points:
 * enough for every test a release bug hinges on (`fd < 0`, `fd == -1`,
 * `p != NULL`, `rc != 0`, `n <= 0`) and small enough that states stay cheap
 * to compare. A branch restricts the compared value on each edge; an edge
 * whose restriction is empty is infeasible and not followed. Because copies
 * share a value id, `int s = fd; if (s < 0)` teaches the same about fd.
 *
 * A value defined as a comparison (`ok = fd >= 0`, `bad = !p`) remembers it,
 * so a later `if (ok)` restricts fd as well.
 *
 * Accesses teach too: once `p->next` or `*p` was read or written, p was not
 * NULL on this path, or the program would have crashed there.
 */
#include "engine_int.h"

#include <limits.h>
#include <string.h>

void val_set_const(Val *v, long c) {
  v->lo = v->hi = c;
  v->nne = 0;
}

bool val_is_const(const Val *v, long *c) {
  if (v->lo != v->hi) return false;
  *c = v->lo;
  return true;
}

static bool val_excludes(const Val *v, long c) {
  if (c < v->lo || c > v->hi) return true;
  for (int i = 0; i < v->nne; i++)
    if (v->ne[i] == c) return true;
  return false;
}

/* Moves the bounds past excluded points and forgets points outside them. */
static bool val_normalize(Val *v) {
  for (bool moved = true; moved && v->lo <= v->hi;) {
    moved = false;
    for (int i = 0; i < v->nne; i++) {
      if (v->ne[i] == v->lo && v->lo < LONG_MAX) {
        v->lo++;
        moved = true;
      } else if (v->ne[i] == v->hi && v->hi > LONG_MIN) {
        v->hi--;
        moved = true;
      }
    }
  }
  if (v->lo > v->hi) return false;
  int n = 0;
  for (int i = 0; i < v->nne; i++)
    if (v->ne[i] > v->lo && v->ne[i] < v->hi) v->ne[n++] = v->ne[i];
  v->nne = (uint8_t)n;
  if (v->nne == 2 && v->ne[0] > v->ne[1]) {
    long t = v->ne[0];
    v->ne[0] = v->ne[1];
    v->ne[1] = t;
  }
  return true;
}

bool val_refine(Val *v, CmpOp op, long c) {
  switch (op) {
  case CMP_EQ:
    if (val_excludes(v, c)) return false;
    val_set_const(v, c);
    return true;
  case CMP_NE:
    if (v->lo == c && v->hi == c) return false;
    if (c < v->lo || c > v->hi || val_excludes(v, c)) return true;
    if (c != v->lo && c != v->hi) {
      if (v->nne == 2) return true; /* a weaker fact is still a true one */
      v->ne[v->nne++] = c;
    }
    break;
  case CMP_LT:
    if (c == LONG_MIN) return false;
    if (v->hi > c - 1) v->hi = c - 1;
    break;
  case CMP_LE:
    if (v->hi > c) v->hi = c;
    break;
  case CMP_GT:
    if (c == LONG_MAX) return false;
    if (v->lo < c + 1) v->lo = c + 1;
    break;
  case CMP_GE:
    if (v->lo < c) v->lo = c;
    break;
  }
  if (op == CMP_NE) {
    if (v->lo == c)
      v->lo++;
    else if (v->hi == c)
      v->hi--;
  }
  return val_normalize(v);
}

bool val_may(const Val *v, CmpOp op, long c) {
  Val t = *v;
  return val_refine(&t, op, c);
}

bool val_nonzero(const Val *v) {
  return v->kind == VK_ADDR || !val_may(v, CMP_EQ, 0);
}

bool res_may_succeed(const State *s, const Res *r) {
  long c;
  if (r->nullable && r->val >= 0 && val_is_const(&s->vals[r->val], &c) && c == 0) return false;
  if (r->nvalid && r->val >= 0) {
    bool any = false;
    for (int i = 0; i < r->nvalid && !any; i++)
      any = val_may(&s->vals[r->val], (CmpOp)r->valid_op[i], r->valid_c[i]);
    if (!any) return false;
  }
  return r->cond_val < 0 || val_may(&s->vals[r->cond_val], r->cond_op, r->cond_c);
}

bool res_may_fail(const State *s, const Res *r) {
  return r->cond_val >= 0 && val_may(&s->vals[r->cond_val], cmp_negate(r->cond_op), r->cond_c);
}

/* `a + b`, `a - b`, `a * b` on known constants, so a counter stepped by
   `i++` stays known and `fds[i]` names one element. Only results an int
   holds, and no negative unsigned ones: we do not know the type's width,
   and a wrapped value would be a wrong fact where an unknown one is not. */
static bool fold_binary(const Expr *e, long a, long b, long *out) {
  long r;
  bool overflow;
  switch (e->text[0]) {
  case '+': overflow = __builtin_add_overflow(a, b, &r); break;
  case '-': overflow = __builtin_sub_overflow(a, b, &r); break;
  case '*': overflow = __builtin_mul_overflow(a, b, &r); break;
  default: return false;
  }
  if (e->text[1] || overflow || r > INT_MAX || r < INT_MIN || (e->is_unsigned && r < 0))
    return false;
  *out = r;
  return true;
}

/* Constant folding of what needs no state: literals, unary minus and
   casts the front end kept, and variables whose value is known. */
bool expr_const_value(Ctx *x, State *s, const Expr *e, long *out) {
  if (!e) return false;
  switch (e->kind) {
  case EXPR_CONST: *out = e->value; return true;
  case EXPR_OP:
    if (e->nops == 2 && e->text) {
      long a, b;
      return expr_const_value(x, s, e->ops[0], &a) && expr_const_value(x, s, e->ops[1], &b) &&
             fold_binary(e, a, b, out);
    }
    if (e->nops == 1 && e->text) {
      long c;
      if (!expr_const_value(x, s, e->ops[0], &c)) return false;
      if (strcmp(e->text, "-") == 0 && c != LONG_MIN) {
        *out = -c;
        return true;
      }
      if (strcmp(e->text, "~") == 0) {
        *out = ~c;
        return true;
      }
      if (strcmp(e->text, "!") == 0) {
        *out = !c;
        return true;
      }
      if (e->text[0] == '(') { /* a cast */
        *out = c;
        return true;
      }
    }
    return false;
  case EXPR_PATH: {
    Cell c;
    if (e->path->kind == PATH_VAR && e->path->var->type == TY_ARRAY) return false;
    if (!cell_of_path(x, s, e->path, &c)) return false;
    int i = slot_find(s, c);
    return i >= 0 && val_is_const(&s->vals[s->slots[i].val], out);
  }
  default: return false;
  }
}

Operand operand_of(Ctx *x, State *s, const Expr *e) {
  Operand o = {false, 0, -1};
  if (expr_const_value(x, s, e, &o.c)) {
    o.is_const = true;
    return o;
  }
  o.v = eval_expr(x, s, e);
  if (val_is_const(&s->vals[o.v], &o.c)) o.is_const = true;
  return o;
}

/* An acquisition known to have succeeded produced a valid value: with
   `pipe(fds) == 0` taken, `fds[1] == -1` is a path that does not exist
   (without this, the other end of the pipe looked leaked there). */
static bool res_values_consistent(const State *s, int v) {
  for (int i = 0; i < s->nres; i++) {
    const Res *r = &s->res[i];
    if (r->val < 0 || !r->nvalid || r->cond_val < 0 || (r->val != v && r->cond_val != v)) continue;
    bool valid = false;
    for (int k = 0; k < r->nvalid && !valid; k++)
      valid = val_may(&s->vals[r->val], (CmpOp)r->valid_op[k], r->valid_c[k]);
    if (!valid && !res_may_fail(s, r)) return false;
  }
  return true;
}

bool refine_value(Ctx *x, State *s, int v, CmpOp op, long c) {
  Val before = s->vals[v];
  if (!val_refine(&s->vals[v], op, c)) return false;
  if (!val_same_facts(&before, &s->vals[v]) &&
      (!arith_refined(x, s, v) || !res_values_consistent(s, v)))
    return false;
  Val *val = &s->vals[v];
  long k;
  if (val->kind == VK_CMP && val->cmp_val >= 0 && val_is_const(val, &k)) {
    CmpOp cop = (CmpOp)val->cmp_op;
    return refine_value(x, s, val->cmp_val, k ? cop : cmp_negate(cop), val->cmp_c);
  }
  return true;
}

/* A live resource's value is fresh: it equals no value that existed before
   the acquisition, unless the acquisition failed (both may be NULL). */
static bool assume_equal_to_resource(State *s, int rv, int other) {
  int r = res_of_val(s, rv);
  if (r < 0 || s->res[r].kind->scoped || res_of_val(s, other) >= 0) return true;
  Res *res = &s->res[r];
  if (res->cond_val < 0) return false;
  return val_refine(&s->vals[res->cond_val], cmp_negate(res->cond_op), res->cond_c);
}

static uint8_t cmp_mask(CmpOp op) {
  switch (op) {
  case CMP_LT: return 1;
  case CMP_EQ: return 2;
  case CMP_GT: return 4;
  case CMP_LE: return 3;
  case CMP_GE: return 6;
  case CMP_NE: return 5;
  }
  return 7;
}

static Rel *rel_find(State *s, int a, int b) {
  for (int i = 0; i < s->nrels; i++)
    if (s->rels[i].a == a && s->rels[i].b == b) return &s->rels[i];
  return NULL;
}

/* Relations are kept with the smaller value id first. */
static void rel_order(int *a, CmpOp *op, int *b) {
  if (*a > *b) {
    int t = *a;
    *a = *b;
    *b = t;
    *op = cmp_swap(*op);
  }
}

/* What is known of `a op b` for two values: 1 true, 0 false, -1 unknown. */
static int rel_decide(State *s, int a, CmpOp op, int b) {
  rel_order(&a, &op, &b);
  Rel *r = rel_find(s, a, b);
  if (!r) return -1;
  uint8_t m = cmp_mask(op);
  if ((r->mask & m) == 0) return 0;
  if ((r->mask & ~m & 7) == 0) return 1;
  return -1;
}

enum { MAX_RELS = 8 };

static bool rel_assume(Ctx *x, State *s, int a, CmpOp op, int b) {
  rel_order(&a, &op, &b);
  Rel *r = rel_find(s, a, b);
  uint8_t m = cmp_mask(op);
  if (r) {
    r->mask &= m;
    return r->mask != 0;
  }
  if (s->nrels >= MAX_RELS) return true;
  if (s->nrels == s->cap_rels) {
    int cap = s->cap_rels ? s->cap_rels * 2 : 4;
    Rel *n = ARENA_ARRAY(&x->a, Rel, cap);
    if (s->nrels) memcpy(n, s->rels, sizeof(Rel) * (size_t)s->nrels);
    s->rels = n;
    s->cap_rels = cap;
  }
  s->rels[s->nrels++] = (Rel){a, b, m};
  return true;
}

/* `if (fd == STDIN_FILENO)`: code that tests a descriptor for equality
   with 0, 1 or 2 treats that value as a standard stream it must not close
   (`fd = open("/dev/tty"); if (fd < 0) fd = 0; ... if (fd != 0) close(fd)`),
   and so does code that tests it against STDERR_FILENO's bounds
   (`if (fd > STDERR_FILENO) close(fd)` after dup2 onto 0..2): on the side
   where the value is a standard stream it is no longer the resource.
   Pointers are not descriptors; `fd <= 0` is no such test. */
static bool std_stream_side(CmpOp op, long c, const Val *v) {
  if (op == CMP_EQ) return c >= 0 && c <= 2;
  return (c == 2 || c == 3) && op != CMP_NE && v->hi <= 2;
}

static bool assume_const(Ctx *x, State *s, int v, CmpOp op, long c) {
  if (!refine_value(x, s, v, op, c)) return false;
  int r = std_stream_side(op, c, &s->vals[v]) ? res_of_val(s, v) : -1;
  if (r >= 0 && !s->res[r].nullable && !s->res[r].kind->scoped && s->res[r].status == RS_OWNED)
    res_drop(s, r);
  return true;
}

bool assume_cmp(Ctx *x, State *s, Operand l, CmpOp op, Operand r) {
  if (l.is_const && r.is_const) return cmp_fold(op, l.c, r.c);
  if (!l.is_const && r.is_const) return assume_const(x, s, l.v, op, r.c);
  if (l.is_const && !r.is_const) return assume_const(x, s, r.v, cmp_swap(op), l.c);
  if (l.v == r.v) return op == CMP_EQ || op == CMP_LE || op == CMP_GE;
  if (op == CMP_EQ &&
      !(assume_equal_to_resource(s, l.v, r.v) && assume_equal_to_resource(s, r.v, l.v)))
    return false;
  return rel_assume(x, s, l.v, op, r.v);
}

/* Values are signed longs; C compares unsigned values as unsigned. The two
   agree while every operand lies in [0, LONG_MAX]. A constant outside it
   (`(size_t)-1`, a negative one converted) or a value known to be negative
   (it wrapped) cannot be reasoned about, nor can a signed operand that may
   be negative: the comparison is then unknown and teaches nothing. */
static bool operand_fits(const State *s, const Expr *e, Operand o) {
  if (o.is_const) return o.c >= 0;
  const Val *v = &s->vals[o.v];
  return e->is_unsigned ? v->hi >= 0 : v->lo >= 0;
}

/* Otherwise an operand of unsigned type is never negative: after `if (n)`,
   `i < n` holds for i = 0. */
bool assume_unsigned(Ctx *x, State *s, const Expr *le, Operand l, const Expr *re, Operand r) {
  if (!operand_fits(s, le, l) || !operand_fits(s, re, r)) return false;
  if ((le->is_unsigned && !l.is_const && !val_may(&s->vals[l.v], CMP_GE, 0)) ||
      (re->is_unsigned && !r.is_const && !val_may(&s->vals[r.v], CMP_GE, 0)))
    return false;
  if (le->is_unsigned && !l.is_const && !refine_value(x, s, l.v, CMP_GE, 0)) return false;
  if (re->is_unsigned && !r.is_const && !refine_value(x, s, r.v, CMP_GE, 0)) return false;
  return true;
}

bool cmp_is_unsigned(const Expr *l, const Expr *r) {
  return l->is_unsigned || r->is_unsigned;
}

/* `ok = fd >= 0` as a value: decided when the facts decide it, otherwise
   a 0-or-1 value that remembers the comparison. */
int cmp_eval_value(Ctx *x, State *s, const Expr *e) {
  Operand l = operand_of(x, s, e->ops[0]);
  Operand r = operand_of(x, s, e->ops[1]);
  CmpOp op = e->cmp;
  if ((e->is_unsigned || cmp_is_unsigned(e->ops[0], e->ops[1])) &&
      !assume_unsigned(x, s, e->ops[0], l, e->ops[1], r)) {
    int v = val_new(x, s);
    val_refine(&s->vals[v], CMP_GE, 0);
    val_refine(&s->vals[v], CMP_LE, 1);
    return v;
  }
  if (l.is_const && r.is_const) return val_const(x, s, cmp_fold(op, l.c, r.c));
  if (l.is_const) {
    Operand t = l;
    l = r;
    r = t;
    op = cmp_swap(op);
  }
  int v = val_new(x, s);
  val_refine(&s->vals[v], CMP_GE, 0);
  val_refine(&s->vals[v], CMP_LE, 1);
  if (!r.is_const) {
    int known =
        l.v == r.v ? (op == CMP_EQ || op == CMP_LE || op == CMP_GE) : rel_decide(s, l.v, op, r.v);
    if (known >= 0) val_set_const(&s->vals[v], known);
    return v;
  }
  const Val *lv = &s->vals[l.v];
  if (!val_may(lv, op, r.c))
    val_set_const(&s->vals[v], 0);
  else if (!val_may(lv, cmp_negate(op), r.c))
    val_set_const(&s->vals[v], 1);
  else {
    s->vals[v].kind = VK_CMP;
    s->vals[v].cmp_val = l.v;
    s->vals[v].cmp_op = (uint8_t)op;
    s->vals[v].cmp_c = r.c;
  }
  return v;
}

/* ---- Dereferences ------------------------------------------------------- */

/* Only a pointer value the engine has facts on, which may be non-NULL:
   addresses of cells are known non-NULL already, and a value the facts say
   is NULL means the facts are too coarse here, not that the path is dead. */
static void assume_nonnull(Ctx *x, State *s, const Path *base) {
  int v = read_path(x, s, base);
  if (s->vals[v].kind == VK_PLAIN && val_may(&s->vals[v], CMP_NE, 0))
    refine_value(x, s, v, CMP_NE, 0);
}

static void access_path(Ctx *x, State *s, const Path *p);

/* What finding the place p names dereferences (`&p->f` finds a place
   without reading p->f, but reading p->q in `&p->q->f` is an access). */
static void locate_path(Ctx *x, State *s, const Path *p) {
  switch (p->kind) {
  case PATH_VAR: break;
  case PATH_FIELD: locate_path(x, s, p->base); break;
  case PATH_ARROW:
  case PATH_DEREF: access_path(x, s, p->base); break;
  case PATH_INDEX:
    if (p->index_expr) assume_expr_derefs(x, s, p->index_expr);
    if (p->base->kind == PATH_VAR && p->base->var->type == TY_POINTER)
      access_path(x, s, p->base);
    else
      locate_path(x, s, p->base);
    break;
  }
}

/* Reading or writing p: its place is found, then its pointer used. */
static void access_path(Ctx *x, State *s, const Path *p) {
  locate_path(x, s, p);
  if (p->kind == PATH_ARROW || p->kind == PATH_DEREF ||
      (p->kind == PATH_INDEX && p->base->kind == PATH_VAR && p->base->var->type == TY_POINTER))
    assume_nonnull(x, s, p->base);
}

void assume_expr_derefs(Ctx *x, State *s, const Expr *e) {
  if (!e) return;
  switch (e->kind) {
  case EXPR_PATH: access_path(x, s, e->path); break;
  case EXPR_ADDR: locate_path(x, s, e->path); break;
  case EXPR_CMP:
    assume_expr_derefs(x, s, e->ops[0]);
    assume_expr_derefs(x, s, e->ops[1]);
    break;
  case EXPR_OP:
    /* "?": code clang could not type-check, maybe an unevaluated operand */
    if (e->text && strcmp(e->text, "?") == 0) break;
    for (int i = 0; i < e->nops; i++)
      assume_expr_derefs(x, s, e->ops[i]);
    break;
  default: break;
  }
}

void assume_stmt_derefs(Ctx *x, State *s, const Stmt *st) {
  if (st->is_cleanup) return;
  if (st->lhs) access_path(x, s, st->lhs);
  if (st->kind == STMT_ASSIGN) {
    assume_expr_derefs(x, s, st->rhs);
    return;
  }
  if (st->fnptr) assume_expr_derefs(x, s, st->fnptr);
  for (int i = 0; i < st->nargs; i++)
    assume_expr_derefs(x, s, st->args[i]);
}
