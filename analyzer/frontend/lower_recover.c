/*
 * lower_recover.c - code clang could not type-check, kept as what it most
 * likely does.
 *
 * When a header is missing (the user ran connlint without -I flags, or the
 * library's headers are not installed), clang still builds the function but
 * leaves holes: a call with a bad argument becomes a RecoveryExpr (shown by
 * libclang as an unexposed expression of dependent type), a member of an
 * incomplete struct loses its name, and a statement that names an
 * undeclared identifier (`e = event_new(base, fd, EV_READ, cb, fp);`) is
 * dropped from the AST altogether. Left out of the IR, a resource passed
 * there looks unused and is reported leaked: a false alarm the user can do
 * nothing about.
 *
 * So recovery keeps the value flow it can see: a call stays a call (the
 * callee has no rule or body, so what it is given escapes), its arguments
 * being every variable path written in it; other expressions become an
 * operator `?` over the paths they read. Dropped statements are read back
 * from the source tokens between the statements clang kept, but only where
 * clang reported an error, so well-formed code never pays for this.
 */
#include "frontend_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- Recovery expressions in the AST ------------------------------------ */

bool recovery_expr(CXCursor e) {
  if (clang_getCursorKind(e) != CXCursor_UnexposedExpr) return false;
  enum CXTypeKind k = clang_getCursorType(e).kind;
  return k == CXType_Dependent || k == CXType_Invalid;
}

/* The function a callee cursor names, or NULL. */
static const char *callee_name(Lower *L, CXCursor c) {
  CXCursor s = strip(c);
  while (recovery_expr(s)) { /* a recovery around the callee's decay */
    CXCursor k[2];
    if (kids(s, k, 2) != 1) return NULL;
    s = strip(k[0]);
  }
  if (clang_getCursorKind(s) != CXCursor_DeclRefExpr) return NULL;
  CXCursor ref = clang_getCursorReferenced(s);
  if (clang_getCursorKind(ref) != CXCursor_FunctionDecl) return NULL;
  return fe_decl(L->fe, ref)->name;
}

/* The operands worth keeping: values that can carry a resource. */
static void add_operand(Lower *L, Vec *ops, Expr *v) {
  if (!v) return;
  if (v->kind == EXPR_OP && v->text && strcmp(v->text, "?") == 0) {
    for (int i = 0; i < v->nops; i++)
      vec_push(&L->scratch, ops, v->ops[i]);
  } else if (v->kind == EXPR_PATH || v->kind == EXPR_ADDR || v->kind == EXPR_OP ||
             v->kind == EXPR_FUNC) {
    vec_push(&L->scratch, ops, v);
  }
}

static Expr *unknown_of(Lower *L, Vec *ops, Loc loc) {
  if (ops->len == 0) return expr_unknown(L, "?", loc);
  Expr *x = expr_new(L, EXPR_OP, loc);
  x->text = "?";
  x->nops = ops->len;
  x->ops = ARENA_ARRAY(L->a, Expr *, x->nops);
  memcpy(x->ops, ops->data, sizeof(Expr *) * (size_t)x->nops);
  return x;
}

Expr **recovery_args(Lower *L, Expr **args, int *nargs) {
  /* Argument i stays at position i (rules name arguments by position);
     paths beyond the first in a recovered argument go after the last. */
  Vec extra = {0};
  for (int i = 0; i < *nargs; i++) {
    Expr *a = args[i];
    if (a && a->kind == EXPR_OP && a->text && strcmp(a->text, "?") == 0) {
      args[i] = a->ops[0];
      for (int j = 1; j < a->nops; j++)
        vec_push(&L->scratch, &extra, a->ops[j]);
    }
  }
  if (extra.len == 0) return args;
  Expr **out = ARENA_ARRAY(L->a, Expr *, *nargs + extra.len);
  if (*nargs) memcpy(out, args, sizeof(Expr *) * (size_t)*nargs);
  memcpy(out + *nargs, extra.data, sizeof(Expr *) * (size_t)extra.len);
  *nargs += extra.len;
  return out;
}

static Stmt *call_new(Lower *L, const char *callee, Loc loc, Vec *args, const char *text) {
  Stmt *s = ARENA_NEW(L->a, Stmt);
  s->kind = STMT_CALL;
  s->loc = loc;
  s->callee = callee;
  s->nargs = args->len;
  s->args = ARENA_ARRAY(L->a, Expr *, s->nargs);
  if (s->nargs) memcpy(s->args, args->data, sizeof(Expr *) * (size_t)s->nargs);
  s->args = recovery_args(L, s->args, &s->nargs);
  s->text = text;
  return s;
}

/* The member named after `base` in the source (`base->name`, `base.name`):
   clang drops the name when the struct is incomplete. */
static Path *member_after(Lower *L, CXCursor e, CXCursor base) {
  CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(base));
  size_t size, off;
  const char *text = fe_spelling_text(L->fe, end, &size, &off);
  if (!text) return NULL;
  Tok t, u, name;
  if (!ctok_next(text, size, &off, &t, false)) return NULL;
  bool arrow = ctok_is(t, "-");
  if (arrow) {
    if (off >= size || text[off] != '>') return NULL;
    off++;
  } else if (!ctok_is(t, ".")) {
    return NULL;
  }
  if (!ctok_next(text, size, &off, &name, false) || !ctok_ident(name)) return NULL;
  /* `base->f(...)` calls through a member: not a path. */
  size_t o2 = off;
  if (ctok_next(text, size, &o2, &u, false) && ctok_is(u, "(")) return NULL;
  Path *bp =
      arrow ? path_of_value(L, lower_as(L, base, WANT_VALUE, NULL), base) : lower_lvalue(L, base);
  return path_field(L, bp, arena_strndup(L->a, name.p, (size_t)name.len), arrow);
}

Path *recovery_lvalue(Lower *L, CXCursor e) {
  CXCursor k[2];
  if (kids(e, k, 2) != 1 || !clang_isExpression(clang_getCursorKind(k[0]))) return NULL;
  return member_after(L, e, k[0]);
}

Expr *lower_recovery(Lower *L, CXCursor e, Want w, Path *dst) {
  Loc loc = loc_of(L, e);
  int n;
  CXCursor *kid = kids_all(L, e, &n);
  const char *callee = n >= 1 ? callee_name(L, kid[0]) : NULL;
  if (callee) {
    Vec args = {0};
    for (int i = 1; i < n; i++)
      if (clang_isExpression(clang_getCursorKind(kid[i])))
        vec_push(&L->scratch, &args, lower_as(L, kid[i], WANT_VALUE, NULL));
    Stmt *s = call_new(L, callee, loc, &args, fe_call_text(L->fe, e));
    fe_macro_loc(L->fe, clang_getCursorLocation(e), &s->macro);
    Expr *v = NULL;
    if (w == WANT_INTO) {
      s->lhs = dst;
    } else if (w == WANT_VALUE) {
      s->lhs = path_var(L, var_temp_for(L, e, callee));
      v = expr_path(L, s->lhs, loc);
    }
    emit(L, s);
    return v;
  }
  if (n == 1) {
    Path *p = recovery_lvalue(L, e);
    if (p) return deliver(L, w, dst, expr_path(L, p, loc), e);
  }
  Vec ops = {0};
  for (int i = 0; i < n; i++)
    if (clang_isExpression(clang_getCursorKind(kid[i])))
      add_operand(L, &ops, lower_as(L, kid[i], w == WANT_NONE ? WANT_NONE : WANT_VALUE, NULL));
  if (w == WANT_NONE) return NULL;
  return deliver(L, w, dst, unknown_of(L, &ops, loc), e);
}

/* ---- Statements clang dropped ------------------------------------------- */

static int off_cmp(const void *a, const void *b) {
  unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
  return x < y ? -1 : x > y;
}

void recovery_errors(Fe *fe, const unsigned *offs, int n) {
  fe->err_offs = ARENA_ARRAY(fe->a, unsigned, n);
  if (n) memcpy(fe->err_offs, offs, sizeof(unsigned) * (size_t)n);
  qsort(fe->err_offs, (size_t)n, sizeof(unsigned), off_cmp);
  fe->nerr = n;
}

/* Did clang report an error in [from, to) of the main file? */
static bool error_in(const Fe *fe, unsigned from, unsigned to) {
  int lo = 0, hi = fe->nerr;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (fe->err_offs[mid] < from)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < fe->nerr && fe->err_offs[lo] < to;
}

/* Where a cursor's extent starts and ends in the main file. */
static bool main_extent(CXCursor c, unsigned *from, unsigned *to) {
  CXSourceRange r = clang_getCursorExtent(c);
  CXSourceLocation a = clang_getRangeStart(r), b = clang_getRangeEnd(r);
  if (!clang_Location_isFromMainFile(a) || !clang_Location_isFromMainFile(b)) return false;
  CXFile fa, fb;
  clang_getExpansionLocation(a, &fa, NULL, NULL, from);
  clang_getExpansionLocation(b, &fb, NULL, NULL, to);
  return *from <= *to;
}

bool recovery_wanted(Lower *L, CXCursor c) {
  unsigned from, to;
  return L->fe->nerr > 0 && main_extent(c, &from, &to) && error_in(L->fe, from, to);
}

enum { MAX_TOKS = 512 };

typedef struct Toks {
  Lower *L;
  CXFile file;
  const char *text;
  Tok t[MAX_TOKS];
  int n;
} Toks;

static bool tok_op(const Toks *k, int i, const char *s) {
  return i >= 0 && i < k->n && ctok_is(k->t[i], s);
}

/* Two one-character tokens written together, like `-` `>`. */
static bool glued(const Toks *k, int i, const char *a, const char *b) {
  return tok_op(k, i, a) && tok_op(k, i + 1, b) && k->t[i].p + 1 == k->t[i + 1].p;
}

static bool keyword(Tok t) {
  static const char *const kw[] = {"return", "if",       "else",    "while",  "for",   "do",
                                   "switch", "case",     "default", "goto",   "break", "continue",
                                   "sizeof", "struct",   "union",   "enum",   "const", "volatile",
                                   "static", "unsigned", "signed",  "int",    "char",  "long",
                                   "short",  "void",     "float",   "double", "_Bool", "typeof"};
  for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
    if (ctok_is(t, kw[i])) return true;
  return false;
}

static Loc tok_loc(Toks *k, int i) {
  unsigned off = (unsigned)(k->t[i].p - k->text);
  return fe_loc(k->L->fe, clang_getLocationForOffset(k->L->fe->tu, k->file, off));
}

static Var *var_named(Lower *L, Tok t) {
  char name[128];
  if (t.len <= 0 || t.len >= (int)sizeof name) return NULL;
  memcpy(name, t.p, (size_t)t.len);
  name[t.len] = '\0';
  return map_get(&L->names, str_hash(name), name, str_eq);
}

/* The path written at tokens[*i] (`x`, `&x`, `x->f.g`), advancing past it. */
static Expr *path_at(Toks *k, int *i, int end) {
  Lower *L = k->L;
  int j = *i;
  bool addr = tok_op(k, j, "&") && !glued(k, j, "&", "&");
  if (addr) j++;
  if (j >= end || !ctok_ident(k->t[j])) return NULL;
  Var *v = var_named(L, k->t[j]);
  if (!v || tok_op(k, j + 1, "(")) return NULL;
  Loc loc = tok_loc(k, j);
  Path *p = path_var(L, v);
  j++;
  for (;;) {
    bool arrow = glued(k, j, "-", ">");
    int name = j + (arrow ? 2 : 1);
    if ((arrow || tok_op(k, j, ".")) && name < end && ctok_ident(k->t[name]) &&
        !tok_op(k, name + 1, "(")) {
      p = path_field(L, p, arena_strndup(L->a, k->t[name].p, (size_t)k->t[name].len), arrow);
      j = name + 1;
    } else {
      break;
    }
  }
  *i = j;
  Expr *x = expr_new(L, addr ? EXPR_ADDR : EXPR_PATH, loc);
  x->path = p;
  if (!addr) x->is_unsigned = p->kind == PATH_VAR && v->is_unsigned;
  return x;
}

/* Every path written in tokens [from, to). */
static void paths_in(Toks *k, int from, int to, Vec *out) {
  for (int i = from; i < to;) {
    Expr *x = path_at(k, &i, to);
    if (x)
      vec_push(&k->L->scratch, out, x);
    else
      i++;
  }
}

static int close_paren(const Toks *k, int open, int end) {
  int depth = 0;
  for (int i = open; i < end; i++) {
    if (tok_op(k, i, "(") || tok_op(k, i, "[")) depth++;
    if ((tok_op(k, i, ")") || tok_op(k, i, "]")) && --depth == 0) return i;
  }
  return -1;
}

/* The first call written in [from, to): its callee token's index, or -1. */
static int first_call(const Toks *k, int from, int to) {
  for (int i = from; i + 1 < to; i++)
    if (ctok_ident(k->t[i]) && ctok_is(k->t[i + 1], "(") && !keyword(k->t[i]) &&
        !var_named(k->L, k->t[i]))
      return i;
  return -1;
}

/* callee(args) from tokens: each argument's first path at its position,
   further paths after the last argument. */
static Stmt *call_of(Toks *k, int callee, int close) {
  Lower *L = k->L;
  Vec args = {0}, extra = {0};
  int start = callee + 2;
  for (int i = start, depth = 0; i <= close; i++) {
    bool at_end = i == close;
    if (!at_end) {
      if (tok_op(k, i, "(") || tok_op(k, i, "[") || tok_op(k, i, "{")) depth++;
      if (tok_op(k, i, ")") || tok_op(k, i, "]") || tok_op(k, i, "}")) depth--;
    }
    if (at_end || (depth == 0 && tok_op(k, i, ","))) {
      if (i == start && at_end) break; /* f() */
      Vec ps = {0};
      paths_in(k, start, i, &ps);
      vec_push(&L->scratch, &args,
               ps.len ? ps.data[0] : expr_unknown(L, "?", tok_loc(k, start < i ? start : i)));
      for (int j = 1; j < ps.len; j++)
        vec_push(&L->scratch, &extra, ps.data[j]);
      start = i + 1;
    }
  }
  for (int j = 0; j < extra.len; j++)
    vec_push(&L->scratch, &args, extra.data[j]);
  const char *name = arena_strndup(L->a, k->t[callee].p, (size_t)k->t[callee].len);
  size_t from = (size_t)(k->t[callee].p - k->text);
  size_t to = (size_t)(k->t[close].p + 1 - k->text);
  Stmt *s = call_new(L, name, tok_loc(k, callee), &args, fe_text(L->fe, k->text, from, to));
  fe_decl_named(L->fe, name);
  return s;
}

/* A variable clang never declared (its type is from the missing header):
   `GList *l = NULL;`. */
static Var *declare_lost(Toks *k, int name, int from) {
  Lower *L = k->L;
  Var *v = ARENA_NEW(L->a, Var);
  v->name = arena_strndup(L->a, k->t[name].p, (size_t)k->t[name].len);
  v->kind = VAR_LOCAL;
  v->type = tok_op(k, name - 1, "*") ? TY_POINTER : TY_OTHER;
  size_t a = (size_t)(k->t[from].p - k->text), b = (size_t)(k->t[name].p - k->text);
  v->type_name = fe_text(L->fe, k->text, a, b);
  v->loc = tok_loc(k, name);
  vec_push(&L->scratch, &L->vars, v);
  map_put(&L->scratch, &L->names, str_hash(v->name), v->name, v, str_eq);
  return v;
}

/* The target of `lhs = ...` in [from, eq): the last path written there. */
static Path *lhs_of(Toks *k, int from, int eq) {
  Path *p = NULL;
  for (int i = from; i < eq;) {
    int at = i;
    Expr *x = path_at(k, &i, eq);
    if (x && x->kind == EXPR_PATH) {
      p = x->path;
    } else {
      if (i == at) i++;
      if (x) p = NULL;
    }
  }
  if (!p && eq - 1 > from && ctok_ident(k->t[eq - 1]) && !keyword(k->t[eq - 1]))
    p = path_var(k->L, declare_lost(k, eq - 1, from));
  return p;
}

/* One statement [from, to) read back from tokens; `dst` receives its value
   when it is a declaration's lost initializer. */
static void recover_stmt(Toks *k, int from, int to, Path *dst) {
  Lower *L = k->L;
  while (from < to && (ctok_is(k->t[from], "return") || ctok_is(k->t[from], "else") ||
                       ctok_is(k->t[from], "do")))
    from++;
  if (from >= to) return;
  int eq = -1;
  if (!dst) {
    for (int i = from, depth = 0; i < to && eq < 0; i++) {
      if (tok_op(k, i, "(") || tok_op(k, i, "[") || tok_op(k, i, "{")) depth++;
      if (tok_op(k, i, ")") || tok_op(k, i, "]") || tok_op(k, i, "}")) depth--;
      /* `=` alone: not ==, <=, >=, != (compound assignments keep their operator) */
      if (depth == 0 && tok_op(k, i, "=") && !glued(k, i, "=", "=") && !glued(k, i - 1, "=", "=") &&
          !glued(k, i - 1, "<", "=") && !glued(k, i - 1, ">", "=") && !glued(k, i - 1, "!", "="))
        eq = i;
    }
    if (eq > from) dst = lhs_of(k, from, eq);
  }
  int rhs = eq >= 0 ? eq + 1 : from;
  int callee = first_call(k, rhs, to);
  if (callee >= 0) {
    int close = close_paren(k, callee + 1, to);
    if (close < 0) close = to - 1;
    Stmt *s = call_of(k, callee, close);
    if (dst && callee == rhs && close == to - 1) {
      s->lhs = dst; /* lhs = callee(...) */
      emit(L, s);
      return;
    }
    emit(L, s);
  }
  if (!dst) return;
  Vec ops = {0};
  paths_in(k, rhs, to, &ops);
  Stmt *a = ARENA_NEW(L->a, Stmt);
  a->kind = STMT_ASSIGN;
  a->loc = tok_loc(k, rhs < to ? rhs : from);
  a->lhs = dst;
  a->rhs = unknown_of(L, &ops, a->loc);
  if (to == rhs + 1 && (ctok_is(k->t[rhs], "NULL") || ctok_is(k->t[rhs], "0"))) {
    a->rhs = expr_const(L, 0, a->loc);
    a->rhs->is_null = dst->var->type == TY_POINTER;
  }
  emit(L, a);
}

/* Tokens of [from, to) of the file `c` is in. */
static bool read_toks(Lower *L, Toks *k, CXCursor c, unsigned from, unsigned to) {
  CXFile f;
  clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
  SrcFile *sf = fe_file(L->fe, f);
  if (!sf || !sf->text || to > sf->size) return false;
  k->L = L;
  k->file = f;
  k->text = sf->text;
  k->n = 0;
  size_t off = from;
  Tok t;
  while (k->n < MAX_TOKS && ctok_next(sf->text, to, &off, &t, false)) {
    if (t.p[0] == '#') { /* a directive between statements */
      while (ctok_next(sf->text, to, &off, &t, true))
        ;
      continue;
    }
    k->t[k->n++] = t;
  }
  return true;
}

/* Statements in [from, to), separated by `;` and braces. */
static void recover_range(Lower *L, CXCursor c, unsigned from, unsigned to) {
  Toks *k = ARENA_NEW(&L->scratch, Toks);
  if (!read_toks(L, k, c, from, to)) return;
  int start = 0, depth = 0;
  for (int i = 0; i <= k->n; i++) {
    bool brace = i < k->n && (tok_op(k, i, "{") || tok_op(k, i, "}"));
    if (i < k->n && !brace) {
      if (tok_op(k, i, "(") || tok_op(k, i, "[")) depth++;
      if (tok_op(k, i, ")") || tok_op(k, i, "]")) depth--;
    }
    if (i == k->n || brace || (depth <= 0 && tok_op(k, i, ";"))) {
      if (i > start) recover_stmt(k, start, i, NULL);
      start = i + 1;
      depth = 0;
    }
  }
}

void lower_compound_recovering(Lower *L, CXCursor c) {
  int n;
  CXCursor *kid = kids_all(L, c, &n);
  unsigned from, to, a, b;
  main_extent(c, &from, &to);
  unsigned gap = from + 1; /* after the `{` */
  for (int i = 0; i < n; i++) {
    if (main_extent(kid[i], &a, &b) && a >= gap) {
      if (error_in(L->fe, gap, a)) recover_range(L, c, gap, a);
      gap = b;
    }
    lower_stmt(L, kid[i]);
  }
  if (to > gap + 1 && error_in(L->fe, gap, to - 1)) recover_range(L, c, gap, to - 1);
}

void recover_init(Lower *L, CXCursor var, Path *dst) {
  unsigned a, b, end;
  if (!main_extent(var, &a, &b)) return;
  CXFile f;
  clang_getExpansionLocation(clang_getCursorLocation(var), &f, NULL, NULL, NULL);
  SrcFile *sf = fe_file(L->fe, f);
  if (!sf || !sf->text) return;
  /* The initializer runs to the `,` or `;` that ends the declarator. */
  size_t off = b;
  Tok t;
  int depth = 0;
  if (!ctok_next(sf->text, sf->size, &off, &t, false) || !ctok_is(t, "=")) return;
  end = (unsigned)off;
  while (ctok_next(sf->text, sf->size, &off, &t, false)) {
    if (ctok_is(t, "(") || ctok_is(t, "[") || ctok_is(t, "{")) depth++;
    if (ctok_is(t, ")") || ctok_is(t, "]") || ctok_is(t, "}")) depth--;
    if (depth < 0 || (depth == 0 && (ctok_is(t, ",") || ctok_is(t, ";")))) break;
    end = (unsigned)off;
  }
  if (!error_in(L->fe, b, end)) return;
  Toks *k = ARENA_NEW(&L->scratch, Toks);
  if (!read_toks(L, k, var, b, end) || k->n < 2) return;
  recover_stmt(k, 1, k->n, dst); /* past the `=` */
}
