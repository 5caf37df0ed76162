/*
 * engine_arith.c - values computed from one value and a constant.
 *
 * `if (flags & CFIELDS) field = dup(); ... if (flags & CFIELDS) free(field);`
 * tests the same expression twice. Had each evaluation made a fresh unknown
 * value, the second test would be assumed both ways and the path that
 * creates without freeing would look real. So `x OP k` (k a constant, OP
 * one of + - * / % &) is a derived value: it remembers x, OP and k, and a
 * second evaluation over the same x finds the first one with what the
 * branch taught about it.
 *
 * Facts flow both ways between a derived value and its operand, as
 * intervals, once a test teaches something about either: `size = 2 * n`
 * with n >= 1 gives size >= 2; `n - 1 > 0` gives n > 1; `(x & m) != 0`
 * gives x != 0. A path where they disagree (an earlier loop split on
 * size <= 0, a later one entered with n >= 1) is infeasible. A new derived
 * value has no facts of its own: intervals computed for every sum would
 * tell apart states that agree on everything a test looked at, and long
 * functions would run out of budget enumerating them.
 *
 * A quotient by an unknown divisor, `n / (r + 1)`, is linked to n too: its
 * magnitude never exceeds n's, so `n / (r + 1) >= 3` with n a count
 * (>= 0) gives n >= 3. Each such quotient is a value of its own (another
 * divisor gives another quotient); only the bound is shared.
 *
 * Pointer arithmetic is not modelled (its values are addresses, and the
 * resource it derives from is tracked through Val.base instead), nor are
 * unsigned + - *, which wrap: only operations whose result interval follows
 * from the operand's without overflow are derived.
 */
#include "engine_int.h"

#include <limits.h>

enum { OP_ADD = '+', OP_SUB = '-', OP_MUL = '*', OP_DIV = '/', OP_MOD = '%', OP_AND = '&' };
/* x / y with y unknown: |d| <= |x|. */
enum { OP_QUOT = 'q' };

/* Facts propagate along at most this many links per refinement: chains of
   derived values are short in real code, and the bound keeps it linear. */
enum { MAX_LINKS = 4 };

static bool op_derivable(int op, bool is_unsigned) {
  switch (op) {
  case OP_ADD:
  case OP_SUB:
  case OP_MUL:
  case OP_DIV: return !is_unsigned;
  case OP_MOD:
  case OP_AND: return true;
  }
  return false;
}

static bool is_pointer_like(const State *s, int v) {
  return s->vals[v].kind == VK_ADDR || s->vals[v].base >= 0 || res_of_val(s, v) >= 0;
}

/* [lo, hi] of `x op k` for x in [xlo, xhi]; false when unknown. */
static bool forward(int op, long k, long xlo, long xhi, long *lo, long *hi) {
  long a, b;
  switch (op) {
  case OP_ADD:
    if (xlo == LONG_MIN || xhi == LONG_MAX) return false;
    if (__builtin_add_overflow(xlo, k, lo) || __builtin_add_overflow(xhi, k, hi)) return false;
    return true;
  case OP_SUB:
    if (xlo == LONG_MIN || xhi == LONG_MAX) return false;
    if (__builtin_sub_overflow(xlo, k, lo) || __builtin_sub_overflow(xhi, k, hi)) return false;
    return true;
  case OP_MUL:
    if (k > 0) { /* unbounded sides keep their sign: n >= 1 gives 2n >= 2 */
      *lo = xlo == LONG_MIN || __builtin_mul_overflow(xlo, k, &a) ? LONG_MIN : a;
      *hi = xhi == LONG_MAX || __builtin_mul_overflow(xhi, k, &b) ? LONG_MAX : b;
      return true;
    }
    if (k == 0 || xlo == LONG_MIN || xhi == LONG_MAX || __builtin_mul_overflow(xlo, k, &a) ||
        __builtin_mul_overflow(xhi, k, &b))
      return false;
    *lo = b;
    *hi = a;
    return true;
  case OP_DIV:
    if (k <= 0) return false;
    *lo = xlo == LONG_MIN ? LONG_MIN : xlo / k;
    *hi = xhi == LONG_MAX ? LONG_MAX : xhi / k;
    return true;
  case OP_MOD:
    if (k <= 0 || k == LONG_MAX) return false;
    *lo = xlo >= 0 ? 0 : -(k - 1);
    *hi = xhi <= 0 ? 0 : k - 1;
    if (xlo >= 0 && xhi < k) *lo = xlo, *hi = xhi;
    return true;
  case OP_AND:
    if (k < 0) return false;
    *lo = 0;
    *hi = xlo >= 0 && xhi < k ? xhi : k;
    return true;
  case OP_QUOT:
    if (xlo == LONG_MIN || xhi == LONG_MAX) return false;
    *hi = -xlo > xhi ? -xlo : xhi;
    *lo = -*hi;
    return true;
  }
  return false;
}

/* Restricts v to [lo, hi]; false when that empties it. */
static bool clamp(Val *v, long lo, long hi) {
  return (lo == LONG_MIN || val_refine(v, CMP_GE, lo)) &&
         (hi == LONG_MAX || val_refine(v, CMP_LE, hi));
}

static bool propagate(Ctx *x, State *s, int v, int links);

/* What the derived value d teaches about its operand. */
static bool backward(Ctx *x, State *s, int d, int links) {
  const Val *dv = &s->vals[d];
  int xv = dv->cmp_val;
  long k = dv->cmp_c, lo = dv->lo, hi = dv->hi;
  Val before = s->vals[xv];
  Val *ov = &s->vals[xv];
  switch (dv->cmp_op) {
  case OP_ADD:
  case OP_SUB: {
    long shift = k, l2 = LONG_MIN, h2 = LONG_MAX, p; /* x = d + k, or d - k */
    if (dv->cmp_op == OP_ADD && __builtin_sub_overflow(0, k, &shift)) break;
    if (lo != LONG_MIN && __builtin_add_overflow(lo, shift, &l2)) l2 = LONG_MIN;
    if (hi != LONG_MAX && __builtin_add_overflow(hi, shift, &h2)) h2 = LONG_MAX;
    if (!clamp(ov, l2, h2)) return false;
    for (int i = 0; i < dv->nne; i++)
      if (!__builtin_add_overflow(dv->ne[i], shift, &p) && !val_refine(ov, CMP_NE, p)) return false;
    break;
  }
  case OP_MUL:
    if (k > 0) { /* sign and bounds survive division by a positive k */
      /* x >= ceil(lo / k) and x <= floor(hi / k); C's division truncates. */
      long l2 = lo == LONG_MIN ? LONG_MIN : lo / k + (lo > 0 && lo % k != 0);
      long h2 = hi == LONG_MAX ? LONG_MAX : hi / k - (hi < 0 && hi % k != 0);
      if (!clamp(ov, l2, h2)) return false;
    }
    break;
  case OP_AND:
    if (lo > 0 && !val_refine(ov, CMP_NE, 0)) return false;
    break;
  case OP_QUOT: { /* |x| >= |d|: the side x's sign allows */
    long m = lo > 0 ? lo : hi < 0 && hi != LONG_MIN ? -hi : 0;
    if (m == 0) break;
    if (!val_refine(ov, CMP_NE, 0)) return false;
    if (ov->lo >= 0 && !clamp(ov, m, LONG_MAX)) return false;
    if (ov->hi <= 0 && !clamp(ov, LONG_MIN, -m)) return false;
    break;
  }
  default: break;
  }
  if (val_same_facts(&before, &s->vals[xv])) return true;
  return propagate(x, s, xv, links + 1);
}

/* The operand of d changed: d follows. */
static bool follow(Ctx *x, State *s, int d, int links) {
  const Val *dv = &s->vals[d];
  const Val *ov = &s->vals[dv->cmp_val];
  long lo, hi;
  if (!forward(dv->cmp_op, dv->cmp_c, ov->lo, ov->hi, &lo, &hi)) return true;
  Val before = s->vals[d];
  if (!clamp(&s->vals[d], lo, hi)) return false;
  if (val_same_facts(&before, &s->vals[d])) return true;
  return propagate(x, s, d, links + 1);
}

/* v's facts changed: pass them on to its operand and to the values derived
   from it. */
static bool propagate(Ctx *x, State *s, int v, int links) {
  if (links >= MAX_LINKS) return true;
  if (s->vals[v].kind == VK_DERIVED && !backward(x, s, v, links)) return false;
  for (int d = 0; d < s->nvals; d++)
    if (d != v && s->vals[d].kind == VK_DERIVED && s->vals[d].cmp_val == v &&
        !follow(x, s, d, links))
      return false;
  return true;
}

bool arith_refined(Ctx *x, State *s, int v) {
  return propagate(x, s, v, 0);
}

int arith_derive(Ctx *x, State *s, const Expr *e) {
  if (e->kind != EXPR_OP || e->nops != 2 || !e->text || e->text[1]) return -1;
  int op = e->text[0];
  if (!op_derivable(op, e->is_unsigned)) return -1;
  long k;
  const Expr *other;
  if (expr_const_value(x, s, e->ops[1], &k))
    other = e->ops[0];
  else if ((op == OP_ADD || op == OP_MUL || op == OP_AND) && expr_const_value(x, s, e->ops[0], &k))
    other = e->ops[1];
  else if (op == OP_DIV) /* signed: op_derivable checked it */
    other = e->ops[0], op = OP_QUOT, k = 0;
  else
    return -1;
  if (other->kind != EXPR_PATH && other->kind != EXPR_OP) return -1;
  if ((op == OP_MUL || op == OP_AND) && k == 0) return val_const(x, s, 0);
  int ov = eval_expr(x, s, other);
  if (is_pointer_like(s, ov) || s->vals[ov].kind == VK_CMP) return -1;
  for (int d = 0; d < s->nvals && op != OP_QUOT; d++) {
    const Val *dv = &s->vals[d];
    if (dv->kind == VK_DERIVED && dv->cmp_val == ov && dv->cmp_op == op && dv->cmp_c == k) return d;
  }
  int d = val_new(x, s);
  Val *dv = &s->vals[d];
  dv->kind = VK_DERIVED;
  dv->cmp_val = ov;
  dv->cmp_op = (uint8_t)op;
  dv->cmp_c = k;
  return d;
}

bool arith_informative(const State *s, int d) {
  const Val *dv = &s->vals[d];
  const Val *ov = &s->vals[dv->cmp_val];
  long lo = LONG_MIN, hi = LONG_MAX;
  if (!forward(dv->cmp_op, dv->cmp_c, ov->lo, ov->hi, &lo, &hi)) lo = LONG_MIN, hi = LONG_MAX;
  return dv->nne || dv->lo > lo || dv->hi < hi;
}

bool arith_stepped(const State *s, int v) {
  if (s->vals[v].kind != VK_DERIVED) return false;
  for (int i = 0; i < s->nslots; i++)
    if (s->slots[i].val == s->vals[v].cmp_val) return false;
  return true;
}

void arith_unlink(State *s) {
  for (int v = 0; v < s->nvals; v++) {
    if (!arith_stepped(s, v)) continue;
    Val *d = &s->vals[v];
    if (!arith_informative(s, v)) val_set_top(d);
    d->kind = VK_PLAIN;
    d->cmp_val = -1;
    d->cmp_op = 0;
    d->cmp_c = 0;
  }
}
