/*
 * lower_build.c - the small pieces every lowering file uses: constructors
 * for IR expressions, paths and assignments, constant folding, and the
 * shapes libclang gives C expressions (parentheses, implicit conversions).
 *
 * All IR nodes go to the unit's arena; nothing here decides control flow.
 */
#include "frontend_int.h"

#include <string.h>

Expr *expr_new(Lower *L, ExprKind k, Loc loc) {
  Expr *e = ARENA_NEW(L->a, Expr);
  e->kind = k;
  e->loc = loc;
  return e;
}

Expr *expr_const(Lower *L, long v, Loc loc) {
  Expr *e = expr_new(L, EXPR_CONST, loc);
  e->value = v;
  return e;
}

Expr *expr_path(Lower *L, Path *p, Loc loc) {
  Expr *e = expr_new(L, EXPR_PATH, loc);
  e->path = p;
  e->is_unsigned = p->kind == PATH_VAR && p->var->is_unsigned;
  return e;
}

Expr *expr_typed(Expr *x, CXCursor e) {
  if (!x) return x;
  if (x->kind == EXPR_PATH || x->kind == EXPR_OP) {
    x->is_unsigned = fe_type_unsigned(clang_getCursorType(e));
  } else if (x->kind == EXPR_CMP) {
    /* The comparison's own type is int; its operands, once converted,
       carry the type it is made in. */
    CXCursor k[2];
    if (kids(strip(e), k, 2) == 2) x->is_unsigned = fe_type_unsigned(clang_getCursorType(k[0]));
  }
  return x;
}

Expr *expr_unknown(Lower *L, const char *what, Loc loc) {
  Expr *e = expr_new(L, EXPR_UNKNOWN, loc);
  e->text = what;
  return e;
}

Expr *expr_op(Lower *L, const char *op, Expr *a, Expr *b, Loc loc) {
  Expr *e = expr_new(L, EXPR_OP, loc);
  e->text = op;
  e->nops = b ? 2 : 1;
  e->ops = ARENA_ARRAY(L->a, Expr *, e->nops);
  e->ops[0] = a;
  if (b) e->ops[1] = b;
  return e;
}

Expr *expr_cmp(Lower *L, CmpOp op, Expr *a, Expr *b, Loc loc) {
  Expr *e = expr_new(L, EXPR_CMP, loc);
  e->cmp = op;
  e->nops = 2;
  e->ops = ARENA_ARRAY(L->a, Expr *, 2);
  e->ops[0] = a;
  e->ops[1] = b;
  return e;
}

/* An assignment is located where its statement starts: the variable of a
   declaration, the left operand of `=`. */
void emit_assign(Lower *L, Path *dst, Expr *v, CXCursor at) {
  Stmt *s = ARENA_NEW(L->a, Stmt);
  s->kind = STMT_ASSIGN;
  CXSourceLocation where = clang_isDeclaration(clang_getCursorKind(at))
                               ? clang_getCursorLocation(at)
                               : clang_getRangeStart(clang_getCursorExtent(at));
  s->loc = fe_loc(L->fe, where);
  fe_macro_loc(L->fe, where, &s->macro);
  s->lhs = dst;
  s->rhs = v;
  emit(L, s);
}

bool type_is_pointer(CXType t) {
  enum CXTypeKind k = clang_getCanonicalType(t).kind;
  return k == CXType_Pointer || k == CXType_BlockPointer;
}

CXCursor last_expr_kid(CXCursor c) {
  CXCursor k[4];
  int n = kids(c, k, 4);
  for (int i = (n < 4 ? n : 4) - 1; i >= 0; i--)
    if (clang_isExpression(clang_getCursorKind(k[i]))) return k[i];
  return clang_getNullCursor();
}

/* An implicit conversion (or a full-expression wrapper): libclang shows
   these as an unexposed expression with one expression child. */
bool implicit_cast(CXCursor c, CXCursor *inner) {
  if (clang_getCursorKind(c) != CXCursor_UnexposedExpr) return false;
  CXCursor k[2];
  if (kids(c, k, 2) != 1 || !clang_isExpression(clang_getCursorKind(k[0])) || recovery_expr(c))
    return false;
  /* A conversion spans exactly its operand; va_arg(ap, T), also unexposed
     with one child, does not. Most conversions wrap a variable read and
     share its location, which settles it without measuring extents. */
  if (!clang_equalLocations(clang_getCursorLocation(c), clang_getCursorLocation(k[0])) &&
      !clang_equalRanges(clang_getCursorExtent(c), clang_getCursorExtent(k[0])))
    return false;
  *inner = k[0];
  return true;
}

CXCursor strip(CXCursor e) {
  for (;;) {
    enum CXCursorKind k = clang_getCursorKind(e);
    CXCursor inner;
    if (k == CXCursor_ParenExpr || k == CXCursor_CStyleCastExpr) {
      inner = last_expr_kid(e);
      if (clang_Cursor_isNull(inner)) return e;
      e = inner;
    } else if (implicit_cast(e, &inner)) {
      e = inner;
    } else if (k == CXCursor_UnaryOperator &&
               clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_Extension) {
      e = last_expr_kid(e);
    } else {
      return e;
    }
  }
}

bool cmp_of_binop(enum CXBinaryOperatorKind k, CmpOp *op) {
  switch (k) {
  case CXBinaryOperator_EQ: *op = CMP_EQ; return true;
  case CXBinaryOperator_NE: *op = CMP_NE; return true;
  case CXBinaryOperator_LT: *op = CMP_LT; return true;
  case CXBinaryOperator_LE: *op = CMP_LE; return true;
  case CXBinaryOperator_GT: *op = CMP_GT; return true;
  case CXBinaryOperator_GE: *op = CMP_GE; return true;
  default: return false;
  }
}

bool expr_is_const(const Expr *e) {
  return e && e->kind == EXPR_CONST;
}

/* A conversion to pointer type keeps a constant, and a zero becomes a null
   pointer constant: NULL, (void *)0, and 0 assigned to a pointer. */
Expr *expr_converted(Lower *L, Expr *v, CXType to) {
  if (expr_is_const(v) && v->value == 0 && type_is_pointer(to) && !v->is_null) {
    Expr *n = expr_const(L, 0, v->loc);
    n->is_null = true;
    return n;
  }
  return v;
}

Var *var_temp_for(Lower *L, CXCursor e, const char *origin) {
  return var_temp(L, clang_getCursorType(e), origin, loc_of(L, e));
}

/* Materializes a value as a path (for member access on a call result). */
Path *path_of_value(Lower *L, Expr *v, CXCursor e) {
  if (v->kind == EXPR_PATH) return v->path;
  Var *t = var_temp_for(L, e, NULL);
  Path *p = path_var(L, t);
  emit_assign(L, p, v, e);
  return p;
}

Path *path_new(Lower *L, PathKind k, Path *base) {
  Path *p = ARENA_NEW(L->a, Path);
  p->kind = k;
  p->base = base;
  p->var = base ? base->var : NULL;
  return p;
}

Path *path_field(Lower *L, Path *base, const char *field, bool arrow) {
  Path *p = path_new(L, arrow ? PATH_ARROW : PATH_FIELD, base);
  p->field = field;
  return p;
}

Path *path_index(Lower *L, Path *base, Expr *index) {
  Path *p = path_new(L, PATH_INDEX, base);
  if (expr_is_const(index)) {
    p->index_known = true;
    p->index = index->value;
  } else {
    p->index_expr = index;
  }
  return p;
}

typedef struct AllKids {
  Lower *L;
  Vec v; /* CXCursor * */
} AllKids;

static enum CXChildVisitResult all_kids_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  AllKids *k = data;
  CXCursor *p = ARENA_NEW(&k->L->scratch, CXCursor);
  *p = c;
  vec_push(&k->L->scratch, &k->v, p);
  return CXChildVisit_Continue;
}

CXCursor *kids_all(Lower *L, CXCursor c, int *n) {
  AllKids k = {L, {0}};
  clang_visitChildren(c, all_kids_visitor, &k);
  CXCursor *out = ARENA_ARRAY(&L->scratch, CXCursor, k.v.len);
  for (int i = 0; i < k.v.len; i++)
    out[i] = *(CXCursor *)k.v.data[i];
  *n = k.v.len;
  return out;
}
