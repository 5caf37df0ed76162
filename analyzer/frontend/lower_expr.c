/*
 * lower_expr.c - C expressions to call-free IR expressions and statements.
 *
 * One function, lower_as(), handles every expression under one of three
 * wants: its value (calls hoisted into temporaries), its assignment into a
 * given path (so `fd = socket(...)` is one call statement with lhs `fd`),
 * or its side effects only. Evaluation is left to right. Parentheses and
 * casts disappear, except that a null pointer constant is remembered as
 * such. Operators that decide control flow live in lower_cond.c,
 * initializers in lower_init.c.
 */
#include "frontend_int.h"

#include <stdio.h>
#include <string.h>

static const char *binop_str(enum CXBinaryOperatorKind k) {
  switch (k) {
  case CXBinaryOperator_Mul:
  case CXBinaryOperator_MulAssign: return "*";
  case CXBinaryOperator_Div:
  case CXBinaryOperator_DivAssign: return "/";
  case CXBinaryOperator_Rem:
  case CXBinaryOperator_RemAssign: return "%";
  case CXBinaryOperator_Add:
  case CXBinaryOperator_AddAssign: return "+";
  case CXBinaryOperator_Sub:
  case CXBinaryOperator_SubAssign: return "-";
  case CXBinaryOperator_Shl:
  case CXBinaryOperator_ShlAssign: return "<<";
  case CXBinaryOperator_Shr:
  case CXBinaryOperator_ShrAssign: return ">>";
  case CXBinaryOperator_And:
  case CXBinaryOperator_AndAssign: return "&";
  case CXBinaryOperator_Xor:
  case CXBinaryOperator_XorAssign: return "^";
  case CXBinaryOperator_Or:
  case CXBinaryOperator_OrAssign: return "|";
  default: return NULL;
  }
}

static bool arith_fold(const char *op, long a, long b, long *r) {
  unsigned long ua = (unsigned long)a, ub = (unsigned long)b;
  switch (op[0]) {
  case '*': *r = (long)(ua * ub); return true;
  case '/': return b != 0 && !(a == -a && b == -1) && (*r = a / b, true);
  case '%': return b != 0 && !(a == -a && b == -1) && (*r = a % b, true);
  case '+': *r = (long)(ua + ub); return true;
  case '-': *r = (long)(ua - ub); return true;
  case '<': return b >= 0 && b < 64 && (*r = (long)(ua << b), true);
  case '>': return b >= 0 && b < 64 && (*r = a >> b, true);
  case '&': *r = a & b; return true;
  case '^': *r = a ^ b; return true;
  case '|': *r = a | b; return true;
  }
  return false;
}

/* clang's value of a constant expression, in its own type: `SIZE_MAX / 2`
   divides unsigned, which folding the operands as long would not. */
static bool clang_value(CXCursor e, long *out) {
  CXEvalResult r = clang_Cursor_Evaluate(e);
  bool ok = r && clang_EvalResult_getKind(r) == CXEval_Int;
  if (ok) *out = (long)clang_EvalResult_getAsLongLong(r);
  if (r) clang_EvalResult_dispose(r);
  return ok;
}

static Expr *literal(Lower *L, CXCursor e) {
  long v;
  if (clang_value(e, &v)) return expr_const(L, v, loc_of(L, e));
  /* A floating constant: no value the engine reasons with, but one a
     path note can show (`assuming ratio > 1.5`). */
  CXEvalResult r = clang_Cursor_Evaluate(e);
  if (r && clang_EvalResult_getKind(r) == CXEval_Float) {
    char buf[64];
    snprintf(buf, sizeof buf, "%g", clang_EvalResult_getAsDouble(r));
    clang_EvalResult_dispose(r);
    Expr *x = expr_unknown(L, arena_strdup(L->a, buf), loc_of(L, e));
    x->is_float = true;
    return x;
  }
  if (r) clang_EvalResult_dispose(r);
  return expr_unknown(L, "constant", loc_of(L, e));
}

Expr *deliver(Lower *L, Want w, Path *dst, Expr *v, CXCursor at) {
  if (w == WANT_INTO) emit_assign(L, dst, v, clang_Cursor_isNull(L->anchor) ? at : L->anchor);
  return v;
}

/* Kinds whose INTO form differs from "compute the value, then assign". */
static bool routes_into(CXCursor e) {
  switch (clang_getCursorKind(strip(e))) {
  case CXCursor_CallExpr:
  case CXCursor_ConditionalOperator:
  case CXCursor_StmtExpr:
  case CXCursor_CompoundLiteralExpr:
  case CXCursor_InitListExpr: return true;
  case CXCursor_BinaryOperator: {
    enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(strip(e));
    return k == CXBinaryOperator_Comma || k == CXBinaryOperator_Assign ||
           k == CXBinaryOperator_LAnd || k == CXBinaryOperator_LOr;
  }
  default: return false;
  }
}

/* The path a pointer-valued expression reads, as the base of ->, [] or *. */
static Path *ptr_path(Lower *L, CXCursor e) {
  return path_of_value(L, lower_as(L, e, WANT_VALUE, NULL), e);
}

static enum CXChildVisitResult first_field(CXCursor c, CXCursor parent, CXClientData data) {
  if (clang_getCursorKind(c) != CXCursor_FieldDecl) return CXChildVisit_Continue;
  *(CXCursor *)data = c;
  return CXChildVisit_Break;
}

/* The storage a member shares with the other members of its union: the
   union's first member's name; NULL for members of a struct. */
static const char *union_storage(Lower *L, CXCursor member) {
  CXCursor field = clang_getCursorReferenced(member);
  if (clang_getCursorKind(field) != CXCursor_FieldDecl) return NULL;
  CXCursor rec = clang_getCursorSemanticParent(field);
  if (clang_getCursorKind(rec) != CXCursor_UnionDecl) return NULL;
  CXCursor first = clang_getNullCursor();
  clang_visitChildren(rec, first_field, &first);
  if (clang_Cursor_isNull(first)) return NULL;
  return fe_str(L->fe, clang_getCursorSpelling(first));
}

static Path *member_path(Lower *L, CXCursor e) {
  const char *name = fe_str(L->fe, clang_getCursorSpelling(e));
  CXCursor base = last_expr_kid(e);
  if (clang_Cursor_isNull(base)) return NULL;
  bool arrow = type_is_pointer(clang_getCursorType(base));
  /* Members of anonymous structs and unions are written as members of the
     enclosing record: skip the unnamed hop in between. */
  CXCursor sb = strip(base);
  while (clang_getCursorKind(sb) == CXCursor_MemberRefExpr) {
    CXString s = clang_getCursorSpelling(sb);
    bool anon = clang_getCString(s)[0] == '\0';
    clang_disposeString(s);
    if (!anon) break;
    base = last_expr_kid(sb);
    if (clang_Cursor_isNull(base)) return NULL;
    arrow = type_is_pointer(clang_getCursorType(base));
    sb = strip(base);
  }
  Path *bp = arrow ? ptr_path(L, base) : lower_lvalue(L, base);
  if (!name[0]) return bp;
  Path *p = path_field(L, bp, name, arrow);
  p->storage = union_storage(L, e);
  return p;
}

static Path *deref_path(Lower *L, CXCursor sub) {
  CXCursor s = strip(sub);
  if (clang_getCursorKind(s) == CXCursor_BinaryOperator &&
      type_is_pointer(clang_getCursorType(s))) {
    enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(s);
    CXCursor op[2];
    if ((k == CXBinaryOperator_Add || k == CXBinaryOperator_Sub) && kids(s, op, 2) == 2 &&
        type_is_pointer(clang_getCursorType(op[0]))) {
      /* *(p + i) is p[i]. */
      Path *base = ptr_path(L, op[0]);
      Expr *i = lower_as(L, op[1], WANT_VALUE, NULL);
      if (k == CXBinaryOperator_Sub)
        i = expr_is_const(i) ? expr_const(L, -i->value, i->loc) : expr_op(L, "-", i, NULL, i->loc);
      return path_index(L, base, i);
    }
  }
  return path_new(L, PATH_DEREF, ptr_path(L, sub));
}

static Path *lvalue_kind(Lower *L, CXCursor e);

Path *lower_lvalue(Lower *L, CXCursor e) {
  if (!lower_enter(L)) return path_of_value(L, expr_unknown(L, NULL, loc_of(L, e)), e);
  Path *p = lvalue_kind(L, e);
  lower_leave(L);
  return p;
}

static Path *lvalue_kind(Lower *L, CXCursor e) {
  CXCursor s = strip(e);
  switch (clang_getCursorKind(s)) {
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(s);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl) return path_var(L, var_of_decl(L, ref));
    break;
  }
  case CXCursor_MemberRefExpr: {
    Path *p = member_path(L, s);
    if (p) return p;
    break;
  }
  case CXCursor_ArraySubscriptExpr: {
    CXCursor k[2];
    if (kids(s, k, 2) == 2) {
      Path *base = ptr_path(L, k[0]);
      return path_index(L, base, lower_as(L, k[1], WANT_VALUE, NULL));
    }
    break;
  }
  case CXCursor_UnaryOperator:
    if (clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_Deref)
      return deref_path(L, last_expr_kid(s));
    break;
  case CXCursor_UnexposedExpr:
    if (recovery_expr(s)) {
      Path *p = recovery_lvalue(L, s);
      if (p) return p;
    }
    break;
  default: break;
  }
  return path_of_value(L, lower_as(L, s, WANT_VALUE, NULL), s);
}

bool builtin_transparent(const char *name) {
  return strcmp(name, "__builtin_expect") == 0 ||
         strcmp(name, "__builtin_expect_with_probability") == 0;
}

/* "hooks.alloc" when the callee expression is member `alloc` of struct
   hooks (through casts and parentheses), else NULL. */
static const char *fnptr_member_text(Lower *L, CXCursor c) {
  for (int depth = 0; depth < 8; depth++) {
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_MemberRefExpr) break;
    CXCursor kid[1];
    if ((k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_UnaryOperator) ||
        kids(c, kid, 1) < 1)
      return NULL;
    c = kid[0];
  }
  if (clang_getCursorKind(c) != CXCursor_MemberRefExpr) return NULL;
  CXCursor field = clang_getCursorReferenced(c);
  CXCursor rec = clang_getCursorSemanticParent(field);
  enum CXCursorKind rk = clang_getCursorKind(rec);
  if (rk != CXCursor_StructDecl && rk != CXCursor_UnionDecl) return NULL;
  const char *type = fe_str(L->fe, clang_getCursorSpelling(rec));
  const char *name = fe_str(L->fe, clang_getCursorSpelling(field));
  if (!*type || !*name || strchr(type, ' ')) return NULL; /* anonymous */
  return arena_printf(L->a, "%s.%s", type, name);
}

static Expr *lower_call(Lower *L, CXCursor e, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  CXCursor ref = clang_getCursorReferenced(e);
  const char *callee = NULL;
  Expr *fnptr = NULL;
  const char *fnptr_path = NULL, *fnptr_member = NULL;
  const char *shown = NULL; /* how notes name what was called */
  FuncDecl *decl = NULL;
  int nargs = clang_Cursor_getNumArguments(e);
  if (nargs < 0) nargs = 0;
  if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
    decl = fe_decl(L->fe, ref);
    callee = decl->name;
    if (builtin_transparent(callee) && nargs >= 1) {
      /* __builtin_expect(e, c) (likely/unlikely) is e. */
      Expr *v = lower_as(L, clang_Cursor_getArgument(e, 0), w, dst);
      for (int i = 1; i < nargs; i++)
        lower_as(L, clang_Cursor_getArgument(e, (unsigned)i), WANT_NONE, NULL);
      return v;
    }
  } else {
    CXCursor k[1];
    if (kids(e, k, 1) >= 1) { /* the callee, then the arguments */
      fnptr = lower_as(L, k[0], WANT_VALUE, NULL);
      if (fnptr->kind == EXPR_FUNC) {
        callee = fnptr->text;
        fnptr = NULL;
      } else {
        if (fnptr->kind == EXPR_PATH) fnptr_path = path_member_text(L->a, fnptr->path);
        fnptr_member = fnptr_member_text(L, k[0]);
        shown = fe_call_text(L->fe, k[0]); /* `hooks->on_close`, `(*fp)` */
      }
    }
  }
  Stmt *s = ARENA_NEW(L->a, Stmt);
  s->kind = STMT_CALL;
  s->loc = loc;
  fe_macro_loc(L->fe, clang_getCursorLocation(e), &s->macro);
  s->callee = callee;
  s->fnptr = fnptr;
  s->fnptr_path = fnptr_path;
  s->fnptr_member = fnptr_member;
  if (fnptr && fnptr->kind == EXPR_PATH) {
    const Path *p = fnptr->path;
    if (p->kind == PATH_DEREF) p = p->base; /* (*fp)(x) */
    if (p->kind == PATH_VAR) s->fnvar = p->var;
  }
  s->nargs = nargs;
  s->args = ARENA_ARRAY(L->a, Expr *, nargs);
  for (int i = 0; i < nargs; i++)
    s->args[i] = lower_as(L, clang_Cursor_getArgument(e, (unsigned)i), WANT_VALUE, NULL);
  s->args = recovery_args(L, s->args, &s->nargs);
  s->text = fe_call_text(L->fe, e);
  Expr *v = NULL;
  bool is_void = clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Void;
  if (w == WANT_INTO) {
    s->lhs = dst;
  } else if (w == WANT_VALUE) {
    if (is_void) {
      v = expr_unknown(L, "void", loc);
    } else {
      Var *t = var_temp_for(L, e, callee ? callee : shown);
      s->lhs = path_var(L, t);
      v = expr_path(L, s->lhs, loc);
    }
  }
  emit(L, s);
  if (callee && (builtin_noreturn(callee) || (decl && decl->noreturn)))
    set_noreturn(L, callee, loc);
  return v;
}

/* ({ stmt; ...; expr; }): the value is the last expression statement's. */
static Expr *lower_stmt_expr(Lower *L, CXCursor e, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  CXCursor k[1];
  if (kids(e, k, 1) != 1 || clang_getCursorKind(k[0]) != CXCursor_CompoundStmt)
    return expr_unknown(L, "({})", loc);
  CXCursor body = k[0];
  int nkids;
  CXCursor *kid = kids_all(L, body, &nkids);
  scope_push(L, body);
  Expr *v = NULL;
  for (int i = 0; i < nkids; i++) {
    CXCursor c = kid[i];
    if (i == nkids - 1 && clang_isExpression(clang_getCursorKind(c)))
      v = lower_as(L, c, w, dst);
    else
      lower_stmt(L, c);
  }
  if (w == WANT_VALUE && !v) v = expr_unknown(L, "void", loc);
  if (w == WANT_VALUE && L->scope->cleanups.len && v->kind != EXPR_CONST) {
    /* The scope's cleanups run after the value is taken. */
    Var *t = var_temp_for(L, e, NULL);
    Path *p = path_var(L, t);
    emit_assign(L, p, v, e);
    v = expr_path(L, p, loc);
  }
  Loc end = fe_loc(L->fe, clang_getRangeEnd(clang_getCursorExtent(body)));
  scope_pop(L, end);
  return v;
}

static Expr *lower_unary(Lower *L, CXCursor e, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  CXCursor sub = last_expr_kid(e);
  if (clang_Cursor_isNull(sub)) return deliver(L, w, dst, expr_unknown(L, "unary", loc), e);
  enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(e);
  switch (op) {
  case CXUnaryOperator_AddrOf: {
    CXCursor s = strip(sub);
    enum CXCursorKind k = clang_getCursorKind(s);
    if (k == CXCursor_DeclRefExpr &&
        clang_getCursorKind(clang_getCursorReferenced(s)) == CXCursor_FunctionDecl)
      return deliver(L, w, dst, lower_as(L, s, WANT_VALUE, NULL), e);
    Expr *x = expr_new(L, EXPR_ADDR, loc);
    x->path = k == CXCursor_CompoundLiteralExpr
                  ? lower_compound_literal(L, s, WANT_VALUE, NULL)->path
                  : lower_lvalue(L, sub);
    return deliver(L, w, dst, x, e);
  }
  case CXUnaryOperator_Deref: {
    enum CXTypeKind tk = clang_getCanonicalType(clang_getCursorType(e)).kind;
    if (tk == CXType_FunctionProto || tk == CXType_FunctionNoProto)
      return lower_as(L, sub, w, dst); /* (*fp)(...) calls fp */
    return deliver(L, w, dst, expr_typed(expr_path(L, deref_path(L, sub), loc), e), e);
  }
  case CXUnaryOperator_PostInc:
  case CXUnaryOperator_PostDec:
  case CXUnaryOperator_PreInc:
  case CXUnaryOperator_PreDec: {
    bool post = op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PostDec;
    bool inc = op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreInc;
    Path *p = lower_lvalue(L, sub);
    Expr *old = expr_typed(expr_path(L, p, loc), sub);
    if (post && w != WANT_NONE) {
      /* The value is the one before the update. */
      Path *tp = path_var(L, var_temp_for(L, e, NULL));
      emit_assign(L, tp, old, e);
      old = expr_path(L, tp, loc);
    }
    Expr *upd = expr_op(L, inc ? "+" : "-", expr_path(L, p, loc), expr_const(L, 1, loc), loc);
    emit_assign(L, p, expr_typed(upd, sub), e);
    return deliver(L, w, dst, post ? old : expr_typed(expr_path(L, p, loc), sub), e);
  }
  case CXUnaryOperator_Plus:
  case CXUnaryOperator_Extension: return lower_as(L, sub, w, dst);
  case CXUnaryOperator_Minus:
  case CXUnaryOperator_Not: {
    Expr *v = lower_as(L, sub, WANT_VALUE, NULL);
    bool minus = op == CXUnaryOperator_Minus;
    if (expr_is_const(v))
      v = expr_const(L, minus ? (long)(0ul - (unsigned long)v->value) : ~v->value, loc);
    else
      v = expr_typed(expr_op(L, minus ? "-" : "~", v, NULL, loc), e);
    return deliver(L, w, dst, v, e);
  }
  case CXUnaryOperator_LNot: {
    if (w == WANT_NONE) return lower_as(L, sub, WANT_NONE, NULL);
    Expr *v = lower_as(L, sub, WANT_VALUE, NULL);
    if (expr_is_const(v))
      v = expr_const(L, !v->value, loc);
    else if (v->kind == EXPR_CMP) {
      bool u = v->is_unsigned;
      v = expr_cmp(L, cmp_negate(v->cmp), v->ops[0], v->ops[1], loc);
      v->is_unsigned = u;
    } else {
      v = expr_cmp(L, CMP_EQ, v, expr_converted(L, expr_const(L, 0, loc), clang_getCursorType(sub)),
                   loc);
      v->is_unsigned = fe_type_unsigned(clang_getCursorType(sub));
    }
    return deliver(L, w, dst, v, e);
  }
  default:
    lower_as(L, sub, WANT_NONE, NULL);
    return deliver(L, w, dst, expr_unknown(L, "unary", loc), e);
  }
}

static Expr *lower_binary(Lower *L, CXCursor e, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  CXCursor k[2];
  if (kids(e, k, 2) != 2) return deliver(L, w, dst, expr_unknown(L, "binary", loc), e);
  enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(e);
  CmpOp cmp;
  switch (op) {
  case CXBinaryOperator_Assign: {
    Path *p = lower_lvalue(L, k[0]);
    CXCursor saved = L->anchor;
    L->anchor = e;
    lower_as(L, k[1], WANT_INTO, p);
    L->anchor = saved;
    return w == WANT_NONE ? NULL : deliver(L, w, dst, expr_typed(expr_path(L, p, loc), k[0]), e);
  }
  case CXBinaryOperator_Comma: lower_as(L, k[0], WANT_NONE, NULL); return lower_as(L, k[1], w, dst);
  case CXBinaryOperator_LAnd:
  case CXBinaryOperator_LOr: {
    if (w == WANT_NONE) {
      BB *mid = bb_new(L), *join = bb_new(L);
      if (op == CXBinaryOperator_LAnd)
        lower_cond(L, k[0], mid, join);
      else
        lower_cond(L, k[0], join, mid);
      L->cur = mid;
      lower_as(L, k[1], WANT_NONE, NULL);
      enter(L, join);
      return NULL;
    }
    Path *p = w == WANT_INTO ? dst : path_var(L, var_temp_for(L, e, NULL));
    lower_bool_into(L, e, p);
    return expr_path(L, p, loc);
  }
  default: break;
  }
  if (op >= CXBinaryOperator_MulAssign && op <= CXBinaryOperator_OrAssign) {
    Path *p = lower_lvalue(L, k[0]);
    Expr *r = lower_as(L, k[1], WANT_VALUE, NULL);
    emit_assign(L, p, expr_typed(expr_op(L, binop_str(op), expr_path(L, p, loc), r, loc), k[0]), e);
    return w == WANT_NONE ? NULL : deliver(L, w, dst, expr_typed(expr_path(L, p, loc), k[0]), e);
  }
  Expr *a = lower_as(L, k[0], WANT_VALUE, NULL);
  Expr *b = lower_as(L, k[1], WANT_VALUE, NULL);
  Expr *v;
  long r;
  if (expr_is_const(a) && expr_is_const(b) && clang_value(e, &r)) {
    v = expr_const(L, r, loc);
  } else if (cmp_of_binop(op, &cmp)) {
    v = expr_is_const(a) && expr_is_const(b) ? expr_const(L, cmp_fold(cmp, a->value, b->value), loc)
                                             : expr_cmp(L, cmp, a, b, loc);
  } else if (binop_str(op)) {
    const char *s = binop_str(op);
    v = expr_is_const(a) && expr_is_const(b) && arith_fold(s, a->value, b->value, &r)
            ? expr_const(L, r, loc)
            : expr_op(L, s, a, b, loc);
  } else {
    v = expr_unknown(L, "binary", loc);
  }
  return deliver(L, w, dst, expr_typed(v, e), e);
}

static Expr *lower_ref(Lower *L, CXCursor e) {
  Loc loc = loc_of(L, e);
  CXCursor ref = clang_getCursorReferenced(e);
  switch (clang_getCursorKind(ref)) {
  case CXCursor_VarDecl:
  case CXCursor_ParmDecl: return expr_path(L, path_var(L, var_of_decl(L, ref)), loc);
  case CXCursor_EnumConstantDecl:
    return expr_const(L, (long)clang_getEnumConstantDeclValue(ref), loc);
  case CXCursor_FunctionDecl: {
    Expr *x = expr_new(L, EXPR_FUNC, loc);
    x->text = fe_str(L->fe, clang_getCursorSpelling(ref));
    return x;
  }
  default: return expr_unknown(L, "ref", loc);
  }
}

static Expr *lower_string(Lower *L, CXCursor e) {
  Expr *x = expr_new(L, EXPR_STRING, loc_of(L, e));
  CXString s = clang_getCursorSpelling(e);
  const char *t = clang_getCString(s);
  const char *q = strchr(t, '"'); /* after any L, u8 prefix */
  size_t n = strlen(t);
  if (q && n >= 2 && t[n - 1] == '"' && q < t + n - 1)
    x->text = arena_strndup(L->a, q + 1, (size_t)(t + n - 1 - (q + 1)));
  else
    x->text = arena_strdup(L->a, t);
  clang_disposeString(s);
  return x;
}

static enum CXChildVisitResult side_effects_visitor(CXCursor c, CXCursor parent,
                                                    CXClientData data) {
  if (clang_isExpression(clang_getCursorKind(c))) lower_as(data, c, WANT_NONE, NULL);
  return CXChildVisit_Continue;
}

static Expr *lower_cast(Lower *L, CXCursor e, CXCursor inner, Want w, Path *dst) {
  CXType to = clang_getCursorType(e);
  if (clang_getCanonicalType(to).kind == CXType_Void) {
    lower_as(L, inner, WANT_NONE, NULL); /* (void)f(x) */
    return w == WANT_NONE ? NULL : deliver(L, w, dst, expr_unknown(L, "void", loc_of(L, e)), e);
  }
  if (w == WANT_NONE || (w == WANT_INTO && routes_into(inner))) return lower_as(L, inner, w, dst);
  return deliver(L, w, dst, expr_converted(L, lower_as(L, inner, WANT_VALUE, NULL), to), e);
}

static Expr *lower_as_kind(Lower *L, CXCursor e, Want w, Path *dst);

Expr *lower_as(Lower *L, CXCursor e, Want w, Path *dst) {
  if (!lower_enter(L)) return deliver(L, w, dst, expr_unknown(L, NULL, loc_of(L, e)), e);
  Expr *x = lower_as_kind(L, e, w, dst);
  lower_leave(L);
  return x;
}

static Expr *lower_as_kind(Lower *L, CXCursor e, Want w, Path *dst) {
  enum CXCursorKind kind = clang_getCursorKind(e);
  Loc loc;
  CXCursor inner;
  switch (kind) {
  case CXCursor_ParenExpr:
    inner = last_expr_kid(e);
    if (clang_Cursor_isNull(inner)) break;
    return lower_as(L, inner, w, dst);
  case CXCursor_CStyleCastExpr:
    inner = last_expr_kid(e);
    if (clang_Cursor_isNull(inner)) break;
    return lower_cast(L, e, inner, w, dst);
  case CXCursor_UnexposedExpr: {
    if (recovery_expr(e)) return lower_recovery(L, e, w, dst);
    CXCursor k[4];
    int n = kids(e, k, 4);
    if (n == 1 && implicit_cast(e, &k[0])) return lower_cast(L, e, k[0], w, dst);
    if (n == 4 && clang_getCursorType(e).kind != CXType_Void)
      return lower_elvis(L, e, k[0], k[3], w, dst);
    break;
  }
  case CXCursor_IntegerLiteral:
  case CXCursor_FloatingLiteral:
  case CXCursor_CharacterLiteral:
  case CXCursor_UnaryExpr: return deliver(L, w, dst, literal(L, e), e);
  case CXCursor_GNUNullExpr: {
    Expr *x = expr_const(L, 0, loc_of(L, e));
    x->is_null = true;
    return deliver(L, w, dst, x, e);
  }
  case CXCursor_StringLiteral: return deliver(L, w, dst, lower_string(L, e), e);
  case CXCursor_DeclRefExpr: return deliver(L, w, dst, lower_ref(L, e), e);
  case CXCursor_MemberRefExpr:
  case CXCursor_ArraySubscriptExpr:
    return deliver(L, w, dst, expr_typed(expr_path(L, lower_lvalue(L, e), loc_of(L, e)), e), e);
  case CXCursor_UnaryOperator: return lower_unary(L, e, w, dst);
  case CXCursor_BinaryOperator:
  case CXCursor_CompoundAssignOperator: return lower_binary(L, e, w, dst);
  case CXCursor_ConditionalOperator: return lower_conditional(L, e, w, dst);
  case CXCursor_CallExpr: return lower_call(L, e, w, dst);
  case CXCursor_StmtExpr: return lower_stmt_expr(L, e, w, dst);
  case CXCursor_CompoundLiteralExpr:
  case CXCursor_InitListExpr:
    if (kind == CXCursor_InitListExpr && w == WANT_INTO) {
      lower_init_list(L, dst, e);
      return NULL;
    }
    return lower_compound_literal(L, e, w, dst);
  case CXCursor_AddrLabelExpr:
  case CXCursor_GenericSelectionExpr:
    /* A _Generic's associations are all children: lowering them would run
       every branch. */
    return deliver(
        L, w, dst,
        expr_unknown(L, kind == CXCursor_AddrLabelExpr ? "&&label" : "_Generic", loc_of(L, e)), e);
  default: break;
  }
  loc = loc_of(L, e);
  clang_visitChildren(e, side_effects_visitor, L);
  return deliver(L, w, dst, expr_unknown(L, NULL, loc), e);
}

Expr *lower_expr(Lower *L, CXCursor e) {
  return lower_as(L, e, WANT_VALUE, NULL);
}

void lower_discard(Lower *L, CXCursor e) {
  lower_as(L, e, WANT_NONE, NULL);
}
