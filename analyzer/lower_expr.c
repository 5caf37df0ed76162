/*
 * lower_expr.c - C expressions to call-free IR expressions, statements and
 * branch edges.
 *
 * One function, lower(), handles every expression under one of three wants:
 * its value (calls hoisted into temporaries), its assignment into a given
 * path (so `fd = socket(...)` is one call statement with lhs `fd`, and `x =
 * c ? f() : g()` assigns x in each arm), or its side effects only. Operators
 * that decide control flow (`&&`, `||`, `?:`) become blocks. Conditions go
 * through lower_cond(), which always ends in branches of the form `lhs OP
 * rhs`, or in a plain jump when the condition is a constant.
 *
 * Evaluation is left to right. Parentheses and casts disappear, except that
 * a null pointer constant is remembered as such.
 */
#include "lower.h"

#include <string.h>

typedef enum { WANT_VALUE, WANT_INTO, WANT_NONE } Want;

static Expr *lower(Lower *L, CXCursor e, Want w, Path *dst);

/* ---- Small constructors -------------------------------------------------- */

static Loc loc_of(Lower *L, CXCursor c) {
  return fe_cursor_loc(L->fe, c);
}

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

static Expr *expr_path(Lower *L, Path *p, Loc loc) {
  Expr *e = expr_new(L, EXPR_PATH, loc);
  e->path = p;
  return e;
}

static Expr *expr_unknown(Lower *L, const char *what, Loc loc) {
  Expr *e = expr_new(L, EXPR_UNKNOWN, loc);
  e->text = what;
  return e;
}

static Expr *expr_op(Lower *L, const char *op, Expr *a, Expr *b, Loc loc) {
  Expr *e = expr_new(L, EXPR_OP, loc);
  e->text = op;
  e->nops = b ? 2 : 1;
  e->ops = ARENA_ARRAY(L->a, Expr *, e->nops);
  e->ops[0] = a;
  if (b) e->ops[1] = b;
  return e;
}

static Expr *expr_cmp(Lower *L, CmpOp op, Expr *a, Expr *b, Loc loc) {
  Expr *e = expr_new(L, EXPR_CMP, loc);
  e->cmp = op;
  e->nops = 2;
  e->ops = ARENA_ARRAY(L->a, Expr *, 2);
  e->ops[0] = a;
  e->ops[1] = b;
  return e;
}

static void emit_assign(Lower *L, Path *dst, Expr *v, CXCursor at) {
  Stmt *s = ARENA_NEW(L->a, Stmt);
  s->kind = STMT_ASSIGN;
  s->loc = loc_of(L, at);
  fe_macro_loc(L->fe, clang_getCursorLocation(at), &s->macro);
  s->lhs = dst;
  s->rhs = v;
  emit(L, s);
}

static bool is_pointer(CXType t) {
  enum CXTypeKind k = clang_getCanonicalType(t).kind;
  return k == CXType_Pointer || k == CXType_BlockPointer;
}

/* ---- Cursor shapes ------------------------------------------------------- */

static CXCursor last_expr_kid(CXCursor c) {
  CXCursor k[4];
  int n = kids(c, k, 4);
  for (int i = (n < 4 ? n : 4) - 1; i >= 0; i--)
    if (clang_isExpression(clang_getCursorKind(k[i]))) return k[i];
  return clang_getNullCursor();
}

/* An implicit conversion (or a full-expression wrapper): libclang shows
   these as an unexposed expression with one expression child. */
static bool implicit_cast(CXCursor c, CXCursor *inner) {
  if (clang_getCursorKind(c) != CXCursor_UnexposedExpr) return false;
  CXCursor k[2];
  if (kids(c, k, 2) != 1 || !clang_isExpression(clang_getCursorKind(k[0]))) return false;
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

static bool cmp_of(enum CXBinaryOperatorKind k, CmpOp *op) {
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

/* ---- Constants ----------------------------------------------------------- */

static bool is_const(const Expr *e) {
  return e && e->kind == EXPR_CONST;
}

static bool cmp_fold(CmpOp op, long a, long b) {
  switch (op) {
  case CMP_EQ: return a == b;
  case CMP_NE: return a != b;
  case CMP_LT: return a < b;
  case CMP_LE: return a <= b;
  case CMP_GT: return a > b;
  case CMP_GE: return a >= b;
  }
  return false;
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

static Expr *literal(Lower *L, CXCursor e) {
  CXEvalResult r = clang_Cursor_Evaluate(e);
  Expr *x;
  if (r && clang_EvalResult_getKind(r) == CXEval_Int)
    x = expr_const(L, (long)clang_EvalResult_getAsLongLong(r), loc_of(L, e));
  else
    x = expr_unknown(L, "constant", loc_of(L, e));
  if (r) clang_EvalResult_dispose(r);
  return x;
}

/* A conversion to pointer type keeps a constant, and a zero becomes a null
   pointer constant: NULL, (void *)0, and 0 assigned to a pointer. */
static Expr *converted(Lower *L, Expr *v, CXType to) {
  if (is_const(v) && v->value == 0 && is_pointer(to) && !v->is_null) {
    Expr *n = expr_const(L, 0, v->loc);
    n->is_null = true;
    return n;
  }
  return v;
}

/* ---- Results under a want ------------------------------------------------ */

static Expr *deliver(Lower *L, Want w, Path *dst, Expr *v, CXCursor at) {
  if (w == WANT_INTO) emit_assign(L, dst, v, at);
  return v;
}

static Var *temp_for(Lower *L, CXCursor e, const char *origin) {
  return var_temp(L, clang_getCursorType(e), origin, loc_of(L, e));
}

/* Materializes a value as a path (for member access on a call result). */
static Path *as_path(Lower *L, Expr *v, CXCursor e) {
  if (v->kind == EXPR_PATH) return v->path;
  Var *t = temp_for(L, e, NULL);
  Path *p = path_var(L, t);
  emit_assign(L, p, v, e);
  return p;
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

/* ---- Paths --------------------------------------------------------------- */

static Path *path_new(Lower *L, PathKind k, Path *base) {
  Path *p = ARENA_NEW(L->a, Path);
  p->kind = k;
  p->base = base;
  p->var = base ? base->var : NULL;
  return p;
}

static Path *path_field(Lower *L, Path *base, const char *field, bool arrow) {
  Path *p = path_new(L, arrow ? PATH_ARROW : PATH_FIELD, base);
  p->field = field;
  return p;
}

static Path *path_index(Lower *L, Path *base, Expr *index) {
  Path *p = path_new(L, PATH_INDEX, base);
  if (is_const(index)) {
    p->index_known = true;
    p->index = index->value;
  } else {
    p->index_expr = index;
  }
  return p;
}

/* The path a pointer-valued expression reads, as the base of ->, [] or *. */
static Path *ptr_path(Lower *L, CXCursor e) {
  return as_path(L, lower(L, e, WANT_VALUE, NULL), e);
}

static Path *member_path(Lower *L, CXCursor e) {
  const char *name = fe_str(L->fe, clang_getCursorSpelling(e));
  CXCursor base = last_expr_kid(e);
  if (clang_Cursor_isNull(base)) return NULL;
  bool arrow = is_pointer(clang_getCursorType(base));
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
    arrow = is_pointer(clang_getCursorType(base));
    sb = strip(base);
  }
  Path *bp = arrow ? ptr_path(L, base) : lower_lvalue(L, base);
  return name[0] ? path_field(L, bp, name, arrow) : bp;
}

static Path *deref_path(Lower *L, CXCursor sub) {
  CXCursor s = strip(sub);
  if (clang_getCursorKind(s) == CXCursor_BinaryOperator && is_pointer(clang_getCursorType(s))) {
    enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(s);
    CXCursor op[2];
    if ((k == CXBinaryOperator_Add || k == CXBinaryOperator_Sub) && kids(s, op, 2) == 2 &&
        is_pointer(clang_getCursorType(op[0]))) {
      /* *(p + i) is p[i]. */
      Path *base = ptr_path(L, op[0]);
      Expr *i = lower(L, op[1], WANT_VALUE, NULL);
      if (k == CXBinaryOperator_Sub)
        i = is_const(i) ? expr_const(L, -i->value, i->loc) : expr_op(L, "-", i, NULL, i->loc);
      return path_index(L, base, i);
    }
  }
  return path_new(L, PATH_DEREF, ptr_path(L, sub));
}

Path *lower_lvalue(Lower *L, CXCursor e) {
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
      return path_index(L, base, lower(L, k[1], WANT_VALUE, NULL));
    }
    break;
  }
  case CXCursor_UnaryOperator:
    if (clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_Deref)
      return deref_path(L, last_expr_kid(s));
    break;
  default: break;
  }
  return as_path(L, lower(L, s, WANT_VALUE, NULL), s);
}

/* ---- Calls --------------------------------------------------------------- */

static bool transparent_builtin(const char *name) {
  return strcmp(name, "__builtin_expect") == 0 ||
         strcmp(name, "__builtin_expect_with_probability") == 0;
}

static Expr *lower_call(Lower *L, CXCursor e, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  CXCursor ref = clang_getCursorReferenced(e);
  const char *callee = NULL;
  Expr *fnptr = NULL;
  FuncDecl *decl = NULL;
  int nargs = clang_Cursor_getNumArguments(e);
  if (nargs < 0) nargs = 0;
  if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
    decl = fe_decl(L->fe, ref);
    callee = decl->name;
    if (transparent_builtin(callee) && nargs >= 1) {
      /* __builtin_expect(e, c) (likely/unlikely) is e. */
      Expr *v = lower(L, clang_Cursor_getArgument(e, 0), w, dst);
      for (int i = 1; i < nargs; i++)
        lower(L, clang_Cursor_getArgument(e, (unsigned)i), WANT_NONE, NULL);
      return v;
    }
  } else {
    CXCursor k[1];
    if (kids(e, k, 1) == 1) {
      fnptr = lower(L, k[0], WANT_VALUE, NULL);
      if (fnptr->kind == EXPR_FUNC) {
        callee = fnptr->text;
        fnptr = NULL;
      }
    }
  }
  Stmt *s = ARENA_NEW(L->a, Stmt);
  s->kind = STMT_CALL;
  s->loc = loc;
  fe_macro_loc(L->fe, clang_getCursorLocation(e), &s->macro);
  s->callee = callee;
  s->fnptr = fnptr;
  s->nargs = nargs;
  s->args = ARENA_ARRAY(L->a, Expr *, nargs);
  for (int i = 0; i < nargs; i++)
    s->args[i] = lower(L, clang_Cursor_getArgument(e, (unsigned)i), WANT_VALUE, NULL);
  s->text = fe_call_text(L->fe, e);
  Expr *v = NULL;
  bool is_void = clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Void;
  if (w == WANT_INTO) {
    s->lhs = dst;
  } else if (w == WANT_VALUE) {
    if (is_void) {
      v = expr_unknown(L, "void", loc);
    } else {
      Var *t = temp_for(L, e, callee);
      s->lhs = path_var(L, t);
      v = expr_path(L, s->lhs, loc);
    }
  }
  emit(L, s);
  if (callee && (builtin_noreturn(callee) || (decl && decl->noreturn)))
    set_noreturn(L, callee, loc);
  return v;
}

/* ---- Control flow inside expressions ------------------------------------- */

/* dst = (e ? 1 : 0) for a condition-shaped e. */
static void bool_into(Lower *L, CXCursor e, Path *dst) {
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

static Expr *lower_conditional(Lower *L, CXCursor e, Want w, Path *dst) {
  CXCursor k[3];
  if (kids(e, k, 3) != 3) return expr_unknown(L, "?:", loc_of(L, e));
  Loc loc = loc_of(L, e);
  Var *t = NULL;
  if (w == WANT_VALUE) {
    if (clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Void) {
      w = WANT_NONE;
    } else {
      t = temp_for(L, e, NULL);
      dst = path_var(L, t);
      w = WANT_INTO;
    }
  }
  BB *tb = bb_new(L), *fb = bb_new(L), *join = bb_new(L);
  lower_cond(L, k[0], tb, fb);
  L->cur = tb;
  lower(L, k[1], w, dst);
  if (L->cur) set_jump(L, join, NULL, loc);
  L->cur = fb;
  lower(L, k[2], w, dst);
  if (L->cur) set_jump(L, join, NULL, loc);
  L->cur = join;
  return t ? expr_path(L, path_var(L, t), loc) : expr_unknown(L, "void", loc);
}

/* GNU `a ?: b`: libclang shows it unexposed, children (a, cond, true, b). */
static Expr *lower_elvis(Lower *L, CXCursor e, CXCursor a, CXCursor b, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  Expr *av = lower(L, a, WANT_VALUE, NULL);
  Path *target = dst;
  Var *t = NULL;
  if (w != WANT_INTO) {
    t = temp_for(L, e, NULL);
    target = path_var(L, t);
  }
  BB *tb = bb_new(L), *fb = bb_new(L), *join = bb_new(L);
  if (is_const(av)) {
    set_jump(L, av->value ? tb : fb, NULL, loc);
  } else {
    Expr *zero = converted(L, expr_const(L, 0, loc), clang_getCursorType(a));
    set_branch(L, CMP_NE, av, zero, tb, fb, loc);
  }
  L->cur = tb;
  emit_assign(L, target, av, e);
  set_jump(L, join, NULL, loc);
  L->cur = fb;
  lower(L, b, WANT_INTO, target);
  if (L->cur) set_jump(L, join, NULL, loc);
  L->cur = join;
  return expr_path(L, target, loc);
}

typedef struct ChildList {
  Lower *L;
  Vec v; /* CXCursor * */
} ChildList;

static enum CXChildVisitResult collect_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  ChildList *cl = data;
  CXCursor *p = ARENA_NEW(&cl->L->scratch, CXCursor);
  *p = c;
  vec_push(&cl->L->scratch, &cl->v, p);
  return CXChildVisit_Continue;
}

/* ({ stmt; ...; expr; }): the value is the last expression statement's. */
static Expr *lower_stmt_expr(Lower *L, CXCursor e, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  CXCursor k[1];
  if (kids(e, k, 1) != 1 || clang_getCursorKind(k[0]) != CXCursor_CompoundStmt)
    return expr_unknown(L, "({})", loc);
  CXCursor body = k[0];
  ChildList cl = {L, {0}};
  clang_visitChildren(body, collect_visitor, &cl);
  scope_push(L, body);
  Expr *v = NULL;
  for (int i = 0; i < cl.v.len; i++) {
    CXCursor c = *(CXCursor *)cl.v.data[i];
    if (i == cl.v.len - 1 && clang_isExpression(clang_getCursorKind(c)))
      v = lower(L, c, w, dst);
    else
      lower_stmt(L, c);
  }
  if (w == WANT_VALUE && !v) v = expr_unknown(L, "void", loc);
  if (w == WANT_VALUE && L->scope->cleanups.len && v->kind != EXPR_CONST) {
    /* The scope's cleanups run after the value is taken. */
    Var *t = temp_for(L, e, NULL);
    Path *p = path_var(L, t);
    emit_assign(L, p, v, e);
    v = expr_path(L, p, loc);
  }
  Loc end = fe_loc(L->fe, clang_getRangeEnd(clang_getCursorExtent(body)));
  scope_pop(L, end);
  return v;
}

/* ---- Initializers -------------------------------------------------------- */

typedef struct Fields {
  Lower *L;
  Vec names; /* const char * */
} Fields;

static enum CXVisitorResult field_visitor(CXCursor c, CXClientData data) {
  Fields *f = data;
  vec_push(&f->L->scratch, &f->names, (void *)fe_str(f->L->fe, clang_getCursorSpelling(c)));
  return CXVisit_Continue;
}

static void init_list(Lower *L, Path *dst, CXCursor list);

static void init_one(Lower *L, Path *p, CXCursor value) {
  if (clang_getCursorKind(value) == CXCursor_InitListExpr)
    init_list(L, p, value);
  else
    lower(L, value, WANT_INTO, p);
}

static int field_index(const Fields *f, const char *name) {
  for (int i = 0; i < f->names.len; i++)
    if (strcmp(f->names.data[i], name) == 0) return i;
  return -1;
}

static void init_list(Lower *L, Path *dst, CXCursor list) {
  CXType t = clang_getCanonicalType(clang_getCursorType(list));
  bool record = t.kind == CXType_Record;
  bool array = t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
               t.kind == CXType_VariableArray;
  Fields fields = {L, {0}};
  if (record) clang_Type_visitFields(t, field_visitor, &fields);
  ChildList cl = {L, {0}};
  clang_visitChildren(list, collect_visitor, &cl);
  long pos = 0;
  for (int i = 0; i < cl.v.len; i++) {
    CXCursor c = *(CXCursor *)cl.v.data[i];
    CXCursor d[8];
    int nd = 0;
    if (clang_getCursorKind(c) == CXCursor_UnexposedExpr &&
        clang_getCursorType(c).kind == CXType_Void && (nd = kids(c, d, 8)) >= 2 && nd <= 8) {
      /* A designated initializer: designators, then the value. */
      Path *p = dst;
      for (int j = 0; j < nd - 1; j++) {
        if (clang_getCursorKind(d[j]) == CXCursor_MemberRef) {
          const char *name = fe_str(L->fe, clang_getCursorSpelling(d[j]));
          if (j == 0 && record) pos = field_index(&fields, name) + 1;
          p = path_field(L, p, name, false);
        } else if (clang_isExpression(clang_getCursorKind(d[j]))) {
          Expr *ix = lower(L, d[j], WANT_VALUE, NULL);
          if (j == 0 && array && is_const(ix)) pos = ix->value + 1;
          p = path_index(L, p, ix);
          /* A GNU range [a ... b] has a second index expression. */
          if (j + 1 < nd - 1 && clang_isExpression(clang_getCursorKind(d[j + 1]))) j++;
        }
      }
      init_one(L, p, d[nd - 1]);
    } else if (record) {
      if (pos < fields.names.len && ((const char *)fields.names.data[pos])[0])
        init_one(L, path_field(L, dst, fields.names.data[pos], false), c);
      else
        lower(L, c, WANT_NONE, NULL);
      pos++;
    } else if (array) {
      init_one(L, path_index(L, dst, expr_const(L, pos, loc_of(L, c))), c);
      pos++;
    } else {
      init_one(L, dst, c); /* a scalar in braces */
    }
  }
}

void lower_init(Lower *L, Path *dst, CXCursor init) {
  init_one(L, dst, init);
}

static Expr *lower_compound_literal(Lower *L, CXCursor e, Want w, Path *dst) {
  CXCursor list = last_expr_kid(e);
  if (w != WANT_INTO) {
    dst = path_var(L, temp_for(L, e, NULL));
  }
  if (!clang_Cursor_isNull(list)) init_one(L, dst, list);
  return expr_path(L, dst, loc_of(L, e));
}

/* ---- Operators ----------------------------------------------------------- */

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
      return deliver(L, w, dst, lower(L, s, WANT_VALUE, NULL), e);
    Expr *x = expr_new(L, EXPR_ADDR, loc);
    x->path = k == CXCursor_CompoundLiteralExpr
                  ? lower_compound_literal(L, s, WANT_VALUE, NULL)->path
                  : lower_lvalue(L, sub);
    return deliver(L, w, dst, x, e);
  }
  case CXUnaryOperator_Deref: {
    enum CXTypeKind tk = clang_getCanonicalType(clang_getCursorType(e)).kind;
    if (tk == CXType_FunctionProto || tk == CXType_FunctionNoProto)
      return lower(L, sub, w, dst); /* (*fp)(...) calls fp */
    return deliver(L, w, dst, expr_path(L, deref_path(L, sub), loc), e);
  }
  case CXUnaryOperator_PostInc:
  case CXUnaryOperator_PostDec:
  case CXUnaryOperator_PreInc:
  case CXUnaryOperator_PreDec: {
    bool post = op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PostDec;
    bool inc = op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreInc;
    Path *p = lower_lvalue(L, sub);
    Expr *old = expr_path(L, p, loc);
    if (post && w != WANT_NONE) {
      /* The value is the one before the update. */
      Path *tp = path_var(L, temp_for(L, e, NULL));
      emit_assign(L, tp, old, e);
      old = expr_path(L, tp, loc);
    }
    emit_assign(L, p, expr_op(L, inc ? "+" : "-", expr_path(L, p, loc), expr_const(L, 1, loc), loc),
                e);
    return deliver(L, w, dst, post ? old : expr_path(L, p, loc), e);
  }
  case CXUnaryOperator_Plus:
  case CXUnaryOperator_Extension: return lower(L, sub, w, dst);
  case CXUnaryOperator_Minus:
  case CXUnaryOperator_Not: {
    Expr *v = lower(L, sub, WANT_VALUE, NULL);
    bool minus = op == CXUnaryOperator_Minus;
    if (is_const(v))
      v = expr_const(L, minus ? (long)(0ul - (unsigned long)v->value) : ~v->value, loc);
    else
      v = expr_op(L, minus ? "-" : "~", v, NULL, loc);
    return deliver(L, w, dst, v, e);
  }
  case CXUnaryOperator_LNot: {
    if (w == WANT_NONE) return lower(L, sub, WANT_NONE, NULL);
    Expr *v = lower(L, sub, WANT_VALUE, NULL);
    if (is_const(v))
      v = expr_const(L, !v->value, loc);
    else if (v->kind == EXPR_CMP)
      v = expr_cmp(L, cmp_negate(v->cmp), v->ops[0], v->ops[1], loc);
    else
      v = expr_cmp(L, CMP_EQ, v, converted(L, expr_const(L, 0, loc), clang_getCursorType(sub)),
                   loc);
    return deliver(L, w, dst, v, e);
  }
  default:
    lower(L, sub, WANT_NONE, NULL);
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
    lower(L, k[1], WANT_INTO, p);
    return w == WANT_NONE ? NULL : deliver(L, w, dst, expr_path(L, p, loc), e);
  }
  case CXBinaryOperator_Comma: lower(L, k[0], WANT_NONE, NULL); return lower(L, k[1], w, dst);
  case CXBinaryOperator_LAnd:
  case CXBinaryOperator_LOr: {
    if (w == WANT_NONE) {
      BB *mid = bb_new(L), *join = bb_new(L);
      if (op == CXBinaryOperator_LAnd)
        lower_cond(L, k[0], mid, join);
      else
        lower_cond(L, k[0], join, mid);
      L->cur = mid;
      lower(L, k[1], WANT_NONE, NULL);
      enter(L, join);
      return NULL;
    }
    Path *p = w == WANT_INTO ? dst : path_var(L, temp_for(L, e, NULL));
    bool_into(L, e, p);
    return expr_path(L, p, loc);
  }
  default: break;
  }
  if (op >= CXBinaryOperator_MulAssign && op <= CXBinaryOperator_OrAssign) {
    Path *p = lower_lvalue(L, k[0]);
    Expr *r = lower(L, k[1], WANT_VALUE, NULL);
    emit_assign(L, p, expr_op(L, binop_str(op), expr_path(L, p, loc), r, loc), e);
    return w == WANT_NONE ? NULL : deliver(L, w, dst, expr_path(L, p, loc), e);
  }
  Expr *a = lower(L, k[0], WANT_VALUE, NULL);
  Expr *b = lower(L, k[1], WANT_VALUE, NULL);
  Expr *v;
  long r;
  if (cmp_of(op, &cmp)) {
    v = is_const(a) && is_const(b) ? expr_const(L, cmp_fold(cmp, a->value, b->value), loc)
                                   : expr_cmp(L, cmp, a, b, loc);
  } else if (binop_str(op)) {
    const char *s = binop_str(op);
    v = is_const(a) && is_const(b) && arith_fold(s, a->value, b->value, &r)
            ? expr_const(L, r, loc)
            : expr_op(L, s, a, b, loc);
  } else {
    v = expr_unknown(L, "binary", loc);
  }
  return deliver(L, w, dst, v, e);
}

/* ---- The dispatcher ------------------------------------------------------ */

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
  if (clang_isExpression(clang_getCursorKind(c))) lower(data, c, WANT_NONE, NULL);
  return CXChildVisit_Continue;
}

static Expr *lower_cast(Lower *L, CXCursor e, CXCursor inner, Want w, Path *dst) {
  CXType to = clang_getCursorType(e);
  if (clang_getCanonicalType(to).kind == CXType_Void) {
    lower(L, inner, WANT_NONE, NULL); /* (void)f(x) */
    return w == WANT_NONE ? NULL : deliver(L, w, dst, expr_unknown(L, "void", loc_of(L, e)), e);
  }
  if (w == WANT_NONE || (w == WANT_INTO && routes_into(inner))) return lower(L, inner, w, dst);
  return deliver(L, w, dst, converted(L, lower(L, inner, WANT_VALUE, NULL), to), e);
}

static Expr *lower(Lower *L, CXCursor e, Want w, Path *dst) {
  enum CXCursorKind kind = clang_getCursorKind(e);
  Loc loc;
  CXCursor inner;
  switch (kind) {
  case CXCursor_ParenExpr:
    inner = last_expr_kid(e);
    if (clang_Cursor_isNull(inner)) break;
    return lower(L, inner, w, dst);
  case CXCursor_CStyleCastExpr:
    inner = last_expr_kid(e);
    if (clang_Cursor_isNull(inner)) break;
    return lower_cast(L, e, inner, w, dst);
  case CXCursor_UnexposedExpr: {
    CXCursor k[4];
    int n = kids(e, k, 4);
    if (n == 1 && clang_isExpression(clang_getCursorKind(k[0])))
      return lower_cast(L, e, k[0], w, dst);
    if (n == 4 && clang_getCursorType(e).kind != CXType_Void)
      return lower_elvis(L, e, k[0], k[3], w, dst);
    break;
  }
  case CXCursor_IntegerLiteral:
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
    return deliver(L, w, dst, expr_path(L, lower_lvalue(L, e), loc_of(L, e)), e);
  case CXCursor_UnaryOperator: return lower_unary(L, e, w, dst);
  case CXCursor_BinaryOperator:
  case CXCursor_CompoundAssignOperator: return lower_binary(L, e, w, dst);
  case CXCursor_ConditionalOperator: return lower_conditional(L, e, w, dst);
  case CXCursor_CallExpr: return lower_call(L, e, w, dst);
  case CXCursor_StmtExpr: return lower_stmt_expr(L, e, w, dst);
  case CXCursor_CompoundLiteralExpr:
  case CXCursor_InitListExpr:
    if (kind == CXCursor_InitListExpr && w == WANT_INTO) {
      init_list(L, dst, e);
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
  return lower(L, e, WANT_VALUE, NULL);
}

void lower_discard(Lower *L, CXCursor e) {
  lower(L, e, WANT_NONE, NULL);
}

void lower_into(Lower *L, Path *dst, CXCursor e) {
  lower(L, e, WANT_INTO, dst);
}

/* ---- Conditions ---------------------------------------------------------- */

static void branch_on(Lower *L, CmpOp op, Expr *a, Expr *b, BB *t, BB *f, Loc loc) {
  if (is_const(a) && is_const(b)) {
    set_jump(L, cmp_fold(op, a->value, b->value) ? t : f, NULL, loc);
    return;
  }
  if (is_const(a)) { /* 0 == p reads better as p == 0 */
    Expr *x = a;
    a = b;
    b = x;
    op = cmp_swap(op);
  }
  set_branch(L, op, a, b, t, f, loc);
}

void lower_cond(Lower *L, CXCursor e, BB *t, BB *f) {
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
      lower(L, k[0], WANT_NONE, NULL);
      lower_cond(L, k[1], t, f);
      return;
    }
    if (cmp_of(op, &cmp)) {
      Expr *a = lower(L, k[0], WANT_VALUE, NULL);
      Expr *b = lower(L, k[1], WANT_VALUE, NULL);
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
      bool expect = transparent_builtin(clang_getCString(n));
      clang_disposeString(n);
      if (expect) {
        lower_cond(L, clang_Cursor_getArgument(s, 0), t, f);
        return;
      }
    }
  }
  Expr *v = lower(L, s, WANT_VALUE, NULL);
  if (v->kind == EXPR_CMP) {
    branch_on(L, v->cmp, v->ops[0], v->ops[1], t, f, loc);
    return;
  }
  Expr *zero = converted(L, expr_const(L, 0, loc), clang_getCursorType(s));
  branch_on(L, CMP_NE, v, zero, t, f, loc);
}
