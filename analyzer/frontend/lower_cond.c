/*
 * lower_cond.c - conditions and the operators that decide control flow.
 *
 * A condition always ends in branches `lhs OP rhs` or, when it is constant,
 * in a plain jump: `!e` swaps the targets, `&&` and `||` become a block per
 * operand with short-circuit edges, `a ? b : c` picks which condition to
 * test next, and anything else is compared with zero. The same operators
 * used as values (`int ok = a && b;`, `x = c ? f() : g()`) become blocks
 * that assign the value in each arm.
 */
#include "frontend_int.h"

#include <string.h>

/* dst = (e ? 1 : 0) for a condition-shaped e. */
void lower_bool_into(Lower *L, CXCursor e, Path *dst) {
  BB *tb = bb_new(L), *fb = bb_new(L), *join = bb_new(L);
  Loc loc = loc_of(L, e);
  lower_cond(L, e, tb, fb);
  L->cur = tb;
  emit_assign(L, dst, expr_const(L, 1, loc), e);
  set_jump(L, join, NULL, loc);
  L->cur = fb;
  emit_assign(L, dst, expr_const(L, 0, loc), e);
  set_jump(L, join, NULL, loc);
  L->cur = join;
}

Expr *lower_conditional(Lower *L, CXCursor e, Want w, Path *dst) {
  CXCursor k[3];
  if (kids(e, k, 3) != 3) return expr_unknown(L, "?:", loc_of(L, e));
  Loc loc = loc_of(L, e);
  Var *t = NULL;
  if (w == WANT_VALUE) {
    if (clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Void) {
      w = WANT_NONE;
    } else {
      t = var_temp_for(L, e, NULL);
      dst = path_var(L, t);
      w = WANT_INTO;
    }
  }
  BB *tb = bb_new(L), *fb = bb_new(L), *join = bb_new(L);
  lower_cond(L, k[0], tb, fb);
  L->cur = tb;
  lower_as(L, k[1], w, dst);
  if (L->cur) set_jump(L, join, NULL, loc);
  L->cur = fb;
  lower_as(L, k[2], w, dst);
  if (L->cur) set_jump(L, join, NULL, loc);
  L->cur = join;
  return t ? expr_path(L, path_var(L, t), loc) : expr_unknown(L, "void", loc);
}

/* GNU `a ?: b`: libclang shows it unexposed, children (a, cond, true, b). */
Expr *lower_elvis(Lower *L, CXCursor e, CXCursor a, CXCursor b, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  Expr *av = lower_as(L, a, WANT_VALUE, NULL);
  Path *target = dst;
  Var *t = NULL;
  if (w != WANT_INTO) {
    t = var_temp_for(L, e, NULL);
    target = path_var(L, t);
  }
  BB *tb = bb_new(L), *fb = bb_new(L), *join = bb_new(L);
  if (expr_is_const(av)) {
    set_jump(L, av->value ? tb : fb, NULL, loc);
  } else {
    Expr *zero = expr_converted(L, expr_const(L, 0, loc), clang_getCursorType(a));
    set_branch(L, CMP_NE, av, zero, tb, fb, loc);
  }
  L->cur = tb;
  emit_assign(L, target, av, e);
  set_jump(L, join, NULL, loc);
  L->cur = fb;
  lower_as(L, b, WANT_INTO, target);
  if (L->cur) set_jump(L, join, NULL, loc);
  L->cur = join;
  return expr_path(L, target, loc);
}

static void branch_on(Lower *L, CmpOp op, Expr *a, Expr *b, BB *t, BB *f, Loc loc) {
  if (expr_is_const(a) && expr_is_const(b)) {
    set_jump(L, cmp_fold(op, a->value, b->value) ? t : f, NULL, loc);
    return;
  }
  if (expr_is_const(a)) { /* 0 == p reads better as p == 0 */
    Expr *x = a;
    a = b;
    b = x;
    op = cmp_swap(op);
  }
  set_branch(L, op, a, b, t, f, loc);
}

static void cond_kind(Lower *L, CXCursor e, BB *t, BB *f);

void lower_cond(Lower *L, CXCursor e, BB *t, BB *f) {
  if (!lower_enter(L)) {
    Loc loc = loc_of(L, e);
    set_branch(L, CMP_NE, expr_unknown(L, NULL, loc), expr_const(L, 0, loc), t, f, loc);
    return;
  }
  cond_kind(L, e, t, f);
  lower_leave(L);
}

static void cond_kind(Lower *L, CXCursor e, BB *t, BB *f) {
  CXCursor s = strip(e);
  Loc loc = loc_of(L, s);
  enum CXCursorKind kind = clang_getCursorKind(s);
  CXCursor k[3];
  if (kind == CXCursor_UnaryOperator &&
      clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_LNot) {
    lower_cond(L, last_expr_kid(s), f, t);
    return;
  }
  if (kind == CXCursor_BinaryOperator && kids(s, k, 2) == 2) {
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(s);
    CmpOp cmp;
    if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
      BB *mid = bb_new(L);
      if (op == CXBinaryOperator_LAnd)
        lower_cond(L, k[0], mid, f);
      else
        lower_cond(L, k[0], t, mid);
      L->cur = mid;
      lower_cond(L, k[1], t, f);
      return;
    }
    if (op == CXBinaryOperator_Comma) {
      lower_as(L, k[0], WANT_NONE, NULL);
      lower_cond(L, k[1], t, f);
      return;
    }
    if (cmp_of_binop(op, &cmp)) {
      Expr *a = lower_as(L, k[0], WANT_VALUE, NULL);
      Expr *b = lower_as(L, k[1], WANT_VALUE, NULL);
      branch_on(L, cmp, a, b, t, f, loc);
      return;
    }
  }
  if (kind == CXCursor_ConditionalOperator && kids(s, k, 3) == 3) {
    BB *ta = bb_new(L), *tb = bb_new(L);
    lower_cond(L, k[0], ta, tb);
    L->cur = ta;
    lower_cond(L, k[1], t, f);
    L->cur = tb;
    lower_cond(L, k[2], t, f);
    return;
  }
  if (kind == CXCursor_CallExpr) {
    CXCursor ref = clang_getCursorReferenced(s);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl && clang_Cursor_getNumArguments(s) >= 1) {
      CXString n = clang_getCursorSpelling(ref);
      bool expect = builtin_transparent(clang_getCString(n));
      clang_disposeString(n);
      if (expect) {
        lower_cond(L, clang_Cursor_getArgument(s, 0), t, f);
        return;
      }
    }
  }
  Expr *v = lower_as(L, s, WANT_VALUE, NULL);
  if (v->kind == EXPR_CMP) {
    branch_on(L, v->cmp, v->ops[0], v->ops[1], t, f, loc);
    return;
  }
  Expr *zero = expr_converted(L, expr_const(L, 0, loc), clang_getCursorType(s));
  branch_on(L, CMP_NE, v, zero, t, f, loc);
}
