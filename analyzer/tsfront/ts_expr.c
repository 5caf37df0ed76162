/*
 * ts_expr.c - C expressions, conditions and initializers from the syntax
 * tree, as the libclang front end lowers them (frontend/lower_expr.c,
 * lower_cond.c, lower_init.c): calls hoisted into their own statements,
 * `fd = socket(...)` one call statement with lhs fd, `&&`/`||`/`?:` as
 * blocks, every branch a single comparison.
 *
 * What a preprocessor would have decided is decided here by policy. A name
 * the file does not declare is a variable of some header when written in
 * lower case (errno, stdout) and an unknown value when written in capitals
 * (AF_INET, a macro). A function-like macro the file defines is expanded at
 * its call when its body parses (CLOSE_SOCKET(fd) -> close(fd)), with every
 * location at the invocation; any other call through a macro is a call to a
 * function of that name.
 */
#include "tsfront_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Building blocks ----------------------------------------------------------- */

static Expr *expr_new(TL *L, ExprKind k, Loc loc) {
  Expr *e = ARENA_NEW(L->a, Expr);
  e->kind = k;
  e->loc = loc;
  return e;
}

Expr *tl_const(TL *L, long v, Loc loc) {
  Expr *e = expr_new(L, EXPR_CONST, loc);
  e->value = v;
  return e;
}

Expr *tl_unknown(TL *L, const char *what, Loc loc) {
  Expr *e = expr_new(L, EXPR_UNKNOWN, loc);
  e->text = what;
  return e;
}

static Expr *null_const(TL *L, Loc loc) {
  Expr *e = tl_const(L, 0, loc);
  e->is_null = true;
  return e;
}

/* A member of a variable whose record the file defines (`l->len`, `s.n`),
   declared an unsigned integer there. */
static bool member_unsigned(TL *L, const Path *p) {
  if ((p->kind != PATH_ARROW && p->kind != PATH_FIELD) || p->base->kind != PATH_VAR) return false;
  const char *tn = p->base->var->type_name;
  if (!tn || !p->field) return false;
  if (strncmp(tn, "const ", 6) == 0) tn += 6;
  size_t n = strlen(tn);
  while (n && tn[n - 1] == ' ')
    n--;
  bool ptr = n && tn[n - 1] == '*';
  if (ptr != (p->kind == PATH_ARROW)) return false;
  if (ptr) n--;
  while (n && tn[n - 1] == ' ')
    n--;
  char key[256];
  if (n == 0 || n >= sizeof key) return false;
  memcpy(key, tn, n);
  key[n] = '\0';
  const Fields *f = map_get(&L->t->records, str_hash(key), key, str_eq);
  for (int i = 0; f && i < f->n; i++)
    if (strcmp(f->names[i], p->field) == 0) return f->is_unsigned[i];
  return false;
}

static Expr *expr_path(TL *L, Path *p, Loc loc) {
  Expr *e = expr_new(L, EXPR_PATH, loc);
  e->path = p;
  e->is_unsigned = (p->kind == PATH_VAR && p->var->is_unsigned) || member_unsigned(L, p);
  return e;
}

static Expr *expr_op(TL *L, const char *op, Expr *a, Expr *b, Loc loc) {
  Expr *e = expr_new(L, EXPR_OP, loc);
  e->text = op;
  e->nops = b ? 2 : 1;
  e->ops = ARENA_ARRAY(L->a, Expr *, e->nops);
  e->ops[0] = a;
  if (b) e->ops[1] = b;
  e->is_unsigned = a->is_unsigned || (b && b->is_unsigned);
  return e;
}

static Expr *expr_cmp(TL *L, CmpOp op, Expr *a, Expr *b, Loc loc) {
  Expr *e = expr_new(L, EXPR_CMP, loc);
  e->cmp = op;
  e->nops = 2;
  e->ops = ARENA_ARRAY(L->a, Expr *, 2);
  e->ops[0] = a;
  e->ops[1] = b;
  e->is_unsigned = a->is_unsigned || b->is_unsigned;
  return e;
}

static bool is_const(const Expr *e) {
  return e && e->kind == EXPR_CONST;
}

/* A pointer compared with or assigned 0 gets a null pointer constant. */
static bool pointerish(const Expr *e) {
  return e && e->kind == EXPR_PATH && e->path->kind == PATH_VAR && e->path->var->type == TY_POINTER;
}

static Expr *zero_for(TL *L, const Expr *v, Loc loc) {
  return pointerish(v) ? null_const(L, loc) : tl_const(L, 0, loc);
}

static Path *path_new(TL *L, PathKind k, Path *base) {
  Path *p = ARENA_NEW(L->a, Path);
  p->kind = k;
  p->base = base;
  p->var = base ? base->var : NULL;
  return p;
}

static Path *path_index(TL *L, Path *base, Expr *index) {
  Path *p = path_new(L, PATH_INDEX, base);
  if (is_const(index)) {
    p->index_known = true;
    p->index = index->value;
  } else {
    p->index_expr = index;
  }
  return p;
}

void tl_assign(TL *L, Path *dst, Expr *v, TSNode at) {
  Stmt *s = ARENA_NEW(L->a, Stmt);
  s->kind = STMT_ASSIGN;
  s->loc = tl_loc(L, ts_node_is_null(L->anchor) ? at : L->anchor);
  s->lhs = dst;
  s->rhs = v;
  tl_emit(L, s);
}

static Expr *deliver(TL *L, Want w, Path *dst, Expr *v, TSNode at) {
  if (w == WANT_INTO) tl_assign(L, dst, v, at);
  return v;
}

static Path *path_of_value(TL *L, Expr *v, TSNode e) {
  if (v->kind == EXPR_PATH) return v->path;
  Var *t = tl_temp(L, (TypeInfo){TY_OTHER, false, "?", NULL}, NULL, tl_loc(L, e));
  Path *p = tl_path_var(L, t);
  tl_assign(L, p, v, e);
  return p;
}

static TSNode strip(TSNode e) {
  while (ts_is(e, "parenthesized_expression") && ts_node_named_child_count(e) == 1 &&
         !ts_is(ts_node_named_child(e, 0), "compound_statement"))
    e = ts_node_named_child(e, 0);
  return e;
}

static const char *op_of(TL *L, TSNode n) {
  TSNode op = ts_field(n, "operator");
  return ts_node_is_null(op) ? "" : ts_node_type(op);
}

static bool cmp_of(const char *op, CmpOp *out) {
  static const struct {
    const char *s;
    CmpOp op;
  } t[] = {{"==", CMP_EQ}, {"!=", CMP_NE}, {"<", CMP_LT},
           {"<=", CMP_LE}, {">", CMP_GT},  {">=", CMP_GE}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (strcmp(op, t[i].s) == 0) {
      *out = t[i].op;
      return true;
    }
  return false;
}

/* ---- Constants ------------------------------------------------------------------- */

static bool number(const char *s, long *out) {
  char *end;
  unsigned long v;
  if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
    v = strtoul(s + 2, &end, 2);
  else
    v = strtoul(s, &end, 0);
  if (end == s) return false;
  while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
    end++;
  if (*end) return false; /* a float, or a digit separator */
  *out = (long)v;
  return true;
}

static bool char_value(const char *s, long *out) {
  const char *q = strchr(s, '\'');
  if (!q) return false;
  q++;
  if (q[0] != '\\') {
    *out = (unsigned char)q[0];
    return q[1] == '\'';
  }
  switch (q[1]) {
  case 'n': *out = '\n'; return true;
  case 't': *out = '\t'; return true;
  case 'r': *out = '\r'; return true;
  case '0': *out = strtol(q + 1, NULL, 8); return true;
  case 'x': *out = strtol(q + 2, NULL, 16); return true;
  case '\\': *out = '\\'; return true;
  case '\'': *out = '\''; return true;
  case '"': *out = '"'; return true;
  case 'a': *out = '\a'; return true;
  case 'b': *out = '\b'; return true;
  case 'f': *out = '\f'; return true;
  case 'v': *out = '\v'; return true;
  default: return false;
  }
}

static bool arith(const char *op, long a, long b, long *r) {
  unsigned long ua = (unsigned long)a, ub = (unsigned long)b;
  if (strcmp(op, "<<") == 0) return b >= 0 && b < 64 && (*r = (long)(ua << b), true);
  if (strcmp(op, ">>") == 0) return b >= 0 && b < 64 && (*r = a >> b, true);
  if (op[1]) return false;
  switch (op[0]) {
  case '*': *r = (long)(ua * ub); return true;
  case '/': return b != 0 && !(a == -a && b == -1) && (*r = a / b, true);
  case '%': return b != 0 && !(a == -a && b == -1) && (*r = a % b, true);
  case '+': *r = (long)(ua + ub); return true;
  case '-': *r = (long)(ua - ub); return true;
  case '&': *r = a & b; return true;
  case '^': *r = a ^ b; return true;
  case '|': *r = a | b; return true;
  }
  return false;
}

static bool const_eval(TL *L, TSNode e, long *out, int depth);

/* An object-like macro the file defines as an integer constant expression
   (`#define NWORKERS 4`, `#define FLAGS (A | 2)`) has that value; the body is
   parsed as an expression on its own, once per use. */
static bool macro_value(TL *L, const Macro *m, long *out) {
  if (!m->body[0] || L->macro_depth >= 8) return false;
  const char *text = arena_printf(&L->scratch, "int __connlint_v = (%s);\n", m->body);
  TSTree *tree = ts_parser_parse_string(L->t->parser, NULL, text, (uint32_t)strlen(text));
  if (!tree) return false;
  TSNode root = ts_tree_root_node(tree);
  TSNode decl = ts_node_named_child(root, 0);
  TSNode init = ts_field(ts_field(decl, "declarator"), "value");
  bool ok = false;
  if (!ts_node_has_error(root) && !ts_node_is_null(init)) {
    const char *saved = L->text;
    L->text = text;
    L->macro_depth++;
    ok = const_eval(L, init, out, 0);
    L->macro_depth--;
    L->text = saved;
  }
  ts_tree_delete(tree);
  return ok;
}

/* An integer constant expression made of literals, the file's enumerators
   and integer macros, and the packs' known constants (case labels, array
   sizes, loop bounds). */
static bool const_eval(TL *L, TSNode e, long *out, int depth) {
  if (depth > 64) return false; /* a constant nested that deep is not a case label */
  e = strip(e);
  const char *k = ts_node_type(e);
  if (strcmp(k, "number_literal") == 0) return number(ts_text(L->t, L->text, e), out);
  if (strcmp(k, "char_literal") == 0) return char_value(ts_text(L->t, L->text, e), out);
  if (strcmp(k, "true") == 0 || strcmp(k, "false") == 0) {
    *out = k[0] == 't';
    return true;
  }
  if (strcmp(k, "identifier") == 0) {
    const char *name = ts_text(L->t, L->text, e);
    if (tl_lookup(L, name)) return false;
    long *v = map_get(&L->t->enums, str_hash(name), name, str_eq);
    if (v) {
      *out = *v;
      return true;
    }
    Macro *m = map_get(&L->t->macros, str_hash(name), name, str_eq);
    if (m) return !m->function_like && macro_value(L, m, out);
    return ts_known_constant(name, out);
  }
  if (strcmp(k, "unary_expression") == 0) {
    long v;
    if (!const_eval(L, ts_field(e, "argument"), &v, depth + 1)) return false;
    const char *op = op_of(L, e);
    if (op[0] == '-')
      *out = (long)(0ul - (unsigned long)v);
    else if (op[0] == '~')
      *out = ~v;
    else if (op[0] == '!')
      *out = !v;
    else
      *out = v;
    return true;
  }
  if (strcmp(k, "binary_expression") == 0) {
    long a, b;
    if (!const_eval(L, ts_field(e, "left"), &a, depth + 1) ||
        !const_eval(L, ts_field(e, "right"), &b, depth + 1))
      return false;
    const char *op = op_of(L, e);
    CmpOp c;
    if (cmp_of(op, &c)) {
      *out = cmp_fold(c, a, b);
      return true;
    }
    if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0) {
      *out = op[0] == '&' ? (a && b) : (a || b);
      return true;
    }
    return arith(op, a, b, out);
  }
  if (strcmp(k, "cast_expression") == 0) return const_eval(L, ts_field(e, "value"), out, depth + 1);
  return false;
}

bool tl_case_value(TL *L, TSNode e, long *out) {
  return const_eval(L, e, out, 0);
}

/* `sizeof a / sizeof a[0]` (and `sizeof(a) / sizeof(*a)`) for a local array
   of a known size: the element count a loop over it uses. */
static bool array_count(TL *L, TSNode div, long *out) {
  TSNode l = strip(ts_field(div, "left")), r = strip(ts_field(div, "right"));
  if (!ts_is(l, "sizeof_expression") || !ts_is(r, "sizeof_expression")) return false;
  TSNode a = strip(ts_field(l, "value")), el = strip(ts_field(r, "value"));
  if (!ts_is(a, "identifier")) return false;
  TSNode base = {0};
  if (ts_is(el, "subscript_expression"))
    base = strip(ts_field(el, "argument"));
  else if (ts_is(el, "pointer_expression"))
    base = strip(ts_field(el, "argument"));
  if (!ts_is(base, "identifier")) return false;
  const char *name = ts_text(L->t, L->text, a);
  if (strcmp(name, ts_text(L->t, L->text, base)) != 0) return false;
  Var *v = tl_lookup(L, name);
  if (!v || v->type != TY_ARRAY || !v->type_name) return false;
  const char *br = strchr(v->type_name, '[');
  if (!br || strchr(br + 1, '[')) return false; /* one dimension only */
  char *end;
  long n = strtol(br + 1, &end, 0);
  if (end == br + 1 || *end != ']') return false;
  *out = n;
  return true;
}

/* ---- Names --------------------------------------------------------------------- */

static bool all_caps(const char *s) {
  bool letter = false;
  for (; *s; s++) {
    if (islower((unsigned char)*s)) return false;
    if (isupper((unsigned char)*s)) letter = true;
  }
  return letter;
}

static bool is_function_name(TL *L, const char *name) {
  return map_get(&L->t->decls, str_hash(name), name, str_eq) != NULL;
}

static Expr *identifier(TL *L, TSNode e) {
  Loc loc = tl_loc(L, e);
  const char *name = ts_text(L->t, L->text, e);
  Var *v = tl_lookup(L, name);
  if (v) return expr_path(L, tl_path_var(L, v), loc);
  long *ev = map_get(&L->t->enums, str_hash(name), name, str_eq);
  if (ev) return tl_const(L, *ev, loc);
  if (is_function_name(L, name)) {
    Expr *x = expr_new(L, EXPR_FUNC, loc);
    x->text = name;
    return x;
  }
  long c;
  if (const_eval(L, e, &c, 0)) return tl_const(L, c, loc);
  if (all_caps(name) || map_get(&L->t->macros, str_hash(name), name, str_eq)) {
    /* A constant from a header, or a macro of the file's that is not one. */
    Expr *x = tl_unknown(L, name, loc);
    x->is_name = true;
    return x;
  }
  /* A variable some header declares (errno, stdout, optarg). */
  bool stream =
      strcmp(name, "stdin") == 0 || strcmp(name, "stdout") == 0 || strcmp(name, "stderr") == 0;
  TypeInfo ty = {stream ? TY_POINTER : TY_OTHER, false, stream ? "FILE *" : "?", NULL};
  v = tl_var(L, arena_strdup(L->a, name), VAR_GLOBAL, ty, loc);
  map_put(&L->scratch, &L->names, str_hash(v->name), v->name, v, str_eq);
  return expr_path(L, tl_path_var(L, v), loc);
}

/* ---- Lvalues ---------------------------------------------------------------------- */

static Path *lvalue(TL *L, TSNode e);

static Path *ptr_path(TL *L, TSNode e) {
  return path_of_value(L, tl_as(L, e, WANT_VALUE, NULL), e);
}

static Path *deref_path(TL *L, TSNode sub) {
  TSNode s = strip(sub);
  if (ts_is(s, "binary_expression")) {
    const char *op = op_of(L, s);
    TSNode a = strip(ts_field(s, "left"));
    /* *(p + i) is p[i] when p is a pointer the function knows. */
    if ((strcmp(op, "+") == 0 || strcmp(op, "-") == 0) && ts_is(a, "identifier")) {
      Var *v = tl_lookup(L, ts_text(L->t, L->text, a));
      if (v && (v->type == TY_POINTER || v->type == TY_ARRAY)) {
        Path *base = ptr_path(L, a);
        Expr *i = tl_value(L, ts_field(s, "right"));
        if (op[0] == '-')
          i = is_const(i) ? tl_const(L, -i->value, i->loc) : expr_op(L, "-", i, NULL, i->loc);
        return path_index(L, base, i);
      }
    }
  }
  return path_new(L, PATH_DEREF, ptr_path(L, sub));
}

static Path *member(TL *L, TSNode e) {
  TSNode base = ts_field(e, "argument");
  bool arrow = strcmp(op_of(L, e), "->") == 0;
  Path *bp = arrow ? ptr_path(L, base) : lvalue(L, base);
  Path *p = path_new(L, arrow ? PATH_ARROW : PATH_FIELD, bp);
  p->field = ts_text(L->t, L->text, ts_field(e, "field"));
  p->storage = ts_union_storage(L->t, p->field);
  return p;
}

static Path *lvalue(TL *L, TSNode e) {
  TSNode s = strip(e);
  const char *k = ts_node_type(s);
  if (strcmp(k, "identifier") == 0) {
    Expr *v = identifier(L, s);
    if (v->kind == EXPR_PATH) return v->path;
  } else if (strcmp(k, "field_expression") == 0) {
    return member(L, s);
  } else if (strcmp(k, "subscript_expression") == 0) {
    Path *base = ptr_path(L, ts_field(s, "argument"));
    return path_index(L, base, tl_value(L, ts_field(s, "index")));
  } else if (strcmp(k, "pointer_expression") == 0 && strcmp(op_of(L, s), "*") == 0) {
    return deref_path(L, ts_field(s, "argument"));
  }
  return path_of_value(L, tl_as(L, s, WANT_VALUE, NULL), s);
}

/* ---- Calls and macros -------------------------------------------------------------- */

enum { MAX_MACRO_DEPTH = 8, MAX_EXPANSION = 1 << 16 };

/* Replaces the macro's parameters in its body with the call's argument
   texts (# stringizes, ## pastes). NULL when the call does not fit. */
static char *substitute(TL *L, const Macro *m, const char **argv, int nargs) {
  if (nargs == 1 && m->nparams == 0 && !m->variadic && argv[0][0]) return NULL;
  if (!(nargs == 1 && m->nparams == 0) &&
      (nargs < m->nparams || (nargs > m->nparams && !m->variadic)))
    return NULL;
  Buf out = {0};
  const char *p = m->body;
  bool stringize = false;
  while (*p) {
    if (isalpha((unsigned char)*p) || *p == '_') {
      const char *s = p;
      while (isalnum((unsigned char)*p) || *p == '_')
        p++;
      size_t n = (size_t)(p - s);
      const char *rep = NULL;
      for (int i = 0; i < m->nparams && !rep; i++)
        if (strlen(m->params[i]) == n && memcmp(m->params[i], s, n) == 0) rep = argv[i];
      if (!rep && m->variadic && n == 11 && memcmp(s, "__VA_ARGS__", 11) == 0) {
        Buf va = {0};
        for (int i = m->nparams; i < nargs; i++)
          buf_printf(&L->scratch, &va, "%s%s", i > m->nparams ? ", " : "", argv[i]);
        rep = buf_str(&L->scratch, &va);
      }
      if (rep && stringize) {
        buf_putc(&L->scratch, &out, '"');
        for (const char *c = rep; *c; c++) {
          if (*c == '"' || *c == '\\') buf_putc(&L->scratch, &out, '\\');
          buf_putc(&L->scratch, &out, *c);
        }
        buf_putc(&L->scratch, &out, '"');
      } else if (rep) {
        buf_puts(&L->scratch, &out, rep);
      } else {
        buf_printf(&L->scratch, &out, "%.*s", (int)n, s);
      }
      stringize = false;
    } else if (p[0] == '#' && p[1] == '#') {
      while (out.len && isspace((unsigned char)out.data[out.len - 1]))
        out.len--;
      p += 2;
      while (isspace((unsigned char)*p))
        p++;
    } else if (p[0] == '#') {
      stringize = true;
      p++;
    } else if (*p == '"' || *p == '\'') {
      char q = *p;
      buf_putc(&L->scratch, &out, *p++);
      while (*p && *p != q) {
        if (*p == '\\' && p[1]) buf_putc(&L->scratch, &out, *p++);
        buf_putc(&L->scratch, &out, *p++);
      }
      if (*p) buf_putc(&L->scratch, &out, *p++);
    } else {
      buf_putc(&L->scratch, &out, *p++);
    }
    if (out.len > MAX_EXPANSION) return NULL;
  }
  return (char *)buf_str(&L->scratch, &out);
}

/* The file's macros expanded in `text`, for reading attributes out of a
   declaration's prefix (AUTOCLOSE, _cleanup_(freep)). */
const char *tl_expand_text(TL *L, const char *text, int depth) {
  if (depth > MAX_MACRO_DEPTH) return text;
  Buf out = {0};
  const char *p = text;
  bool changed = false;
  while (*p) {
    if (!(isalpha((unsigned char)*p) || *p == '_')) {
      buf_putc(&L->scratch, &out, *p++);
      continue;
    }
    const char *s = p;
    while (isalnum((unsigned char)*p) || *p == '_')
      p++;
    const char *name = arena_strndup(&L->scratch, s, (size_t)(p - s));
    Macro *m = map_get(&L->t->macros, str_hash(name), name, str_eq);
    const char *q = p;
    while (*q == ' ' || *q == '\t')
      q++;
    if (m && !m->function_like) {
      buf_puts(&L->scratch, &out, m->body);
      changed = true;
    } else if (m && *q == '(') {
      Vec args = {0};
      int d = 0;
      const char *a = q + 1, *c = q + 1;
      for (; *c && !(d == 0 && *c == ')'); c++) {
        if (*c == '(') d++;
        if (*c == ')') d--;
        if (d == 0 && *c == ',') {
          vec_push(&L->scratch, &args, arena_strndup(&L->scratch, a, (size_t)(c - a)));
          a = c + 1;
        }
      }
      if (!*c) {
        buf_puts(&L->scratch, &out, name);
        continue;
      }
      vec_push(&L->scratch, &args, arena_strndup(&L->scratch, a, (size_t)(c - a)));
      char *body = substitute(L, m, (const char **)args.data, args.len);
      buf_puts(&L->scratch, &out, body ? body : name);
      if (body) p = c + 1;
      changed = body != NULL;
    } else {
      buf_puts(&L->scratch, &out, name);
    }
  }
  const char *r = buf_str(&L->scratch, &out);
  return changed ? tl_expand_text(L, r, depth + 1) : r;
}

/* Lowers the expansion of a call to the file's function-like macro m.
   Returns false (nothing lowered) when the expansion does not parse. */
static bool expand_macro(TL *L, const Macro *m, TSNode call, Want w, Path *dst, Expr **out) {
  if (L->macro_depth >= MAX_MACRO_DEPTH || !m->body[0]) return false;
  TSNode args = ts_field(call, "arguments");
  int nargs = (int)ts_node_named_child_count(args);
  const char **argv = ARENA_ARRAY(&L->scratch, const char *, nargs + 1);
  for (int i = 0; i < nargs; i++)
    argv[i] = ts_text(L->t, L->text, ts_node_named_child(args, (uint32_t)i));
  char *body = substitute(L, m, argv, nargs);
  if (!body) return false;
  static const char head[] = "void __connlint_macro(void) {\n";
  const char *text = arena_printf(L->a, "%s%s;\n}\n", head, body);
  TSTree *tree = ts_parser_parse_string(L->t->parser, NULL, text, (uint32_t)strlen(text));
  if (!tree) return false;
  TSNode root = ts_tree_root_node(tree);
  TSNode fn = ts_node_named_child(root, 0);
  TSNode blk = ts_field(fn, "body");
  if (ts_node_has_error(root) || !ts_is(fn, "function_definition") || ts_node_is_null(blk)) {
    ts_tree_delete(tree);
    return false;
  }
  TL saved = *L;
  if (!L->in_macro) {
    L->macro_at = tl_loc(L, call);
    L->macro = (MacroLoc){m->loc, m->name};
  }
  L->in_macro = true;
  L->macro_depth++;
  L->text = text;
  /* One expression statement is the value; anything else runs for its
     effects, as a do { } while (0) macro does. */
  uint32_t n = ts_node_named_child_count(blk);
  TSNode only = n == 1 ? ts_node_named_child(blk, 0) : (TSNode){0};
  if (ts_is(only, "expression_statement") && ts_node_named_child_count(only) == 1) {
    *out = tl_as(L, ts_node_named_child(only, 0), w, dst);
  } else {
    for (uint32_t i = 0; i < n; i++)
      tl_stmt(L, ts_node_named_child(blk, i));
    *out = w == WANT_NONE ? NULL : deliver(L, w, dst, tl_unknown(L, "macro", L->macro_at), call);
  }
  L->text = saved.text;
  L->in_macro = saved.in_macro;
  L->macro_at = saved.macro_at;
  L->macro = saved.macro;
  L->macro_depth = saved.macro_depth;
  ts_tree_delete(tree);
  return true;
}

/* Variables the C library's headers declare: a name the file does not
   declare is one of these, or a function of some header. */
bool ts_header_variable(const char *name) {
  static const char *const names[] = {"errno",    "stdin",    "stdout", "stderr",  "optarg",
                                      "optind",   "opterr",   "optopt", "environ", "h_errno",
                                      "timezone", "daylight", "tzname"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(name, names[i]) == 0) return true;
  return false;
}

/* A name the file does not declare, passed to a call, is taken for a
   function of some header (a thread's start routine, a callback): passing
   a variable some header declares is rarer, and those are listed above. */
static Expr *callback(TL *L, TSNode arg) {
  if (!ts_is(arg, "identifier")) return NULL;
  const char *name = ts_text(L->t, L->text, arg);
  if (tl_lookup(L, name) || all_caps(name) || ts_header_variable(name) ||
      map_get(&L->t->enums, str_hash(name), name, str_eq) ||
      map_get(&L->t->macros, str_hash(name), name, str_eq))
    return NULL;
  ts_decl(L->t, name, tl_loc(L, arg));
  Expr *x = expr_new(L, EXPR_FUNC, tl_loc(L, arg));
  x->text = name;
  return x;
}

/* The record key ("struct hooks", or a typedef's name) a type spelling
   names, through `const` and pointers. */
static const char *type_record(TL *L, const char *tn) {
  if (!tn) return NULL;
  while (strncmp(tn, "const ", 6) == 0 || strncmp(tn, "volatile ", 9) == 0)
    tn = strchr(tn, ' ') + 1;
  size_t n = strcspn(tn, "*[");
  while (n && tn[n - 1] == ' ')
    n--;
  if (n == 0) return NULL;
  const char *key = arena_strndup(&L->scratch, tn, n);
  if (strncmp(key, "struct ", 7) == 0 || strncmp(key, "union ", 6) == 0) return key;
  const TypeInfo *td = map_get(&L->t->typedefs, str_hash(key), key, str_eq);
  return td ? td->record : NULL;
}

/* The record of the object p designates (or points to), from the
   variable's declared type and then member by member. */
static const char *path_record(TL *L, const Path *p, int depth) {
  if (depth > 16) return NULL;
  switch (p->kind) {
  case PATH_VAR: return type_record(L, p->var->type_name);
  case PATH_DEREF: return path_record(L, p->base, depth + 1);
  case PATH_FIELD:
  case PATH_ARROW: {
    const char *r = path_record(L, p->base, depth + 1);
    const Fields *f = r ? map_get(&L->t->records, str_hash(r), r, str_eq) : NULL;
    for (int i = 0; f && i < f->n; i++)
      if (strcmp(f->names[i], p->field) == 0) return f->records[i];
    return NULL;
  }
  default: return NULL;
  }
}

/* "hooks.alloc" when the call goes through member `alloc` of struct hooks,
   else NULL (anonymous records have no name a rule could use). */
static const char *fnptr_member_text(TL *L, const Path *p) {
  if (p->kind == PATH_DEREF) p = p->base;
  if (p->kind != PATH_FIELD && p->kind != PATH_ARROW) return NULL;
  const char *r = path_record(L, p->base, 0);
  const char *tag = !r                              ? NULL
                    : strncmp(r, "struct ", 7) == 0 ? r + 7
                    : strncmp(r, "union ", 6) == 0  ? r + 6
                                                    : NULL;
  return tag && *tag ? arena_printf(L->a, "%s.%s", tag, p->field) : NULL;
}

static bool transparent(const char *name) {
  return strcmp(name, "__builtin_expect") == 0 ||
         strcmp(name, "__builtin_expect_with_probability") == 0;
}

static Expr *call(TL *L, TSNode e, Want w, Path *dst) {
  Loc loc = tl_loc(L, e);
  TSNode fn = strip(ts_field(e, "function"));
  TSNode args = ts_field(e, "arguments");
  int nargs = (int)ts_node_named_child_count(args);
  const char *callee = NULL;
  Expr *fnptr = NULL;
  if (ts_is(fn, "identifier")) {
    const char *name = ts_text(L->t, L->text, fn);
    Var *v = tl_lookup(L, name);
    if (v) {
      fnptr = expr_path(L, tl_path_var(L, v), loc);
    } else {
      Macro *m = map_get(&L->t->macros, str_hash(name), name, str_eq);
      Expr *x;
      if (m && m->function_like && expand_macro(L, m, e, w, dst, &x)) return x;
      callee = name;
    }
  } else if (ts_is(fn, "pointer_expression") && strcmp(op_of(L, fn), "*") == 0) {
    fnptr = tl_value(L, ts_field(fn, "argument")); /* (*fp)(...) calls fp */
  } else {
    fnptr = tl_value(L, fn);
  }
  if (fnptr && fnptr->kind == EXPR_FUNC) {
    callee = fnptr->text;
    fnptr = NULL;
  }
  if (callee && transparent(callee) && nargs >= 1) {
    Expr *v = tl_as(L, ts_node_named_child(args, 0), w, dst);
    for (int i = 1; i < nargs; i++)
      tl_discard(L, ts_node_named_child(args, (uint32_t)i));
    return v;
  }
  FuncDecl *decl = NULL;
  if (callee) {
    decl = ts_decl(L->t, callee, loc);
    if (!decl->has_body && decl->nparams < nargs && !decl->variadic) decl->nparams = nargs;
  }
  Stmt *s = ARENA_NEW(L->a, Stmt);
  s->kind = STMT_CALL;
  s->loc = loc;
  s->callee = callee ? arena_strdup(L->a, callee) : NULL;
  s->fnptr = fnptr;
  if (fnptr && fnptr->kind == EXPR_PATH) {
    const Path *p = fnptr->path;
    s->fnptr_path = path_member_text(L->a, p);
    s->fnptr_member = fnptr_member_text(L, p);
    if (p->kind == PATH_DEREF) p = p->base; /* (*fp)(x) */
    if (p->kind == PATH_VAR) s->fnvar = p->var;
  }
  s->nargs = nargs;
  s->args = ARENA_ARRAY(L->a, Expr *, nargs + 1);
  for (int i = 0; i < nargs; i++) {
    TSNode arg = ts_node_named_child(args, (uint32_t)i);
    s->args[i] = callback(L, strip(arg));
    if (!s->args[i]) s->args[i] = tl_value(L, arg);
  }
  s->text = ts_text_collapsed(L->t, L->text, e);
  Expr *v = NULL;
  TypeInfo rt = ts_call_type(L->t, callee);
  bool is_void = rt.cls == TY_OTHER && rt.name && strcmp(rt.name, "void") == 0;
  if (w == WANT_INTO) {
    s->lhs = dst;
  } else if (w == WANT_VALUE) {
    if (is_void) {
      v = tl_unknown(L, "void", loc);
    } else {
      /* A call through a pointer is named as written: `hooks->on_close`. */
      const char *shown =
          s->callee ? s->callee : ts_text_collapsed(L->t, L->text, ts_field(e, "function"));
      Var *t = tl_temp(L, rt, shown, loc);
      s->lhs = tl_path_var(L, t);
      v = expr_path(L, s->lhs, loc);
    }
  }
  tl_emit(L, s);
  if (callee && (builtin_noreturn(callee) || (decl && decl->noreturn)))
    tl_noreturn(L, s->callee, loc);
  return v;
}

/* ({ stmt; ...; expr; }): the value is the last expression statement's. */
static Expr *stmt_expr(TL *L, TSNode blk, Want w, Path *dst) {
  Loc loc = tl_loc(L, blk);
  uint32_t n = ts_node_named_child_count(blk);
  tl_scope_push(L, blk);
  Expr *v = NULL;
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_named_child(blk, i);
    if (i == n - 1 && ts_is(c, "expression_statement") && ts_node_named_child_count(c) == 1)
      v = tl_as(L, ts_node_named_child(c, 0), w, dst);
    else
      tl_stmt(L, c);
  }
  if (w == WANT_VALUE && !v) v = tl_unknown(L, "void", loc);
  tl_scope_pop(L, loc);
  return v;
}

/* ---- Operators ------------------------------------------------------------------------ */

static void bool_into(TL *L, TSNode e, Path *dst) {
  BB *tb = tl_bb_new(L), *fb = tl_bb_new(L), *join = tl_bb_new(L);
  Loc loc = tl_loc(L, e);
  tl_cond(L, e, tb, fb);
  L->cur = tb;
  tl_assign(L, dst, tl_const(L, 1, loc), e);
  tl_jump(L, join, NULL, loc);
  L->cur = fb;
  tl_assign(L, dst, tl_const(L, 0, loc), e);
  tl_jump(L, join, NULL, loc);
  L->cur = join;
}

static Expr *conditional(TL *L, TSNode e, Want w, Path *dst) {
  Loc loc = tl_loc(L, e);
  TSNode c = ts_field(e, "condition"), a = ts_field(e, "consequence"),
         b = ts_field(e, "alternative");
  Var *t = NULL;
  if (ts_node_is_null(a)) { /* GNU a ?: b */
    Expr *av = tl_value(L, c);
    Path *target = dst;
    if (w != WANT_INTO)
      target = tl_path_var(L, t = tl_temp(L, (TypeInfo){TY_OTHER, false, "?", NULL}, NULL, loc));
    BB *tb = tl_bb_new(L), *fb = tl_bb_new(L), *join = tl_bb_new(L);
    if (is_const(av))
      tl_jump(L, av->value ? tb : fb, NULL, loc);
    else
      tl_branch(L, CMP_NE, av, zero_for(L, av, loc), tb, fb, loc);
    L->cur = tb;
    tl_assign(L, target, av, e);
    tl_jump(L, join, NULL, loc);
    L->cur = fb;
    tl_as(L, b, WANT_INTO, target);
    if (L->cur) tl_jump(L, join, NULL, loc);
    L->cur = join;
    return expr_path(L, target, loc);
  }
  if (w == WANT_VALUE) {
    t = tl_temp(L, (TypeInfo){TY_OTHER, false, "?", NULL}, NULL, loc);
    dst = tl_path_var(L, t);
    w = WANT_INTO;
  }
  BB *tb = tl_bb_new(L), *fb = tl_bb_new(L), *join = tl_bb_new(L);
  tl_cond(L, c, tb, fb);
  L->cur = tb;
  tl_as(L, a, w, dst);
  if (L->cur) tl_jump(L, join, NULL, loc);
  L->cur = fb;
  tl_as(L, b, w, dst);
  if (L->cur) tl_jump(L, join, NULL, loc);
  L->cur = join;
  return t ? expr_path(L, tl_path_var(L, t), loc) : tl_unknown(L, "void", loc);
}

static Expr *unary(TL *L, TSNode e, Want w, Path *dst) {
  Loc loc = tl_loc(L, e);
  TSNode sub = ts_field(e, "argument");
  const char *op = op_of(L, e);
  if (op[0] == '+') return tl_as(L, sub, w, dst);
  if (op[0] == '!') {
    if (w == WANT_NONE) return tl_as(L, sub, WANT_NONE, NULL);
    Expr *v = tl_value(L, sub);
    if (is_const(v)) {
      v = tl_const(L, !v->value, loc);
    } else if (v->kind == EXPR_CMP) {
      bool u = v->is_unsigned;
      v = expr_cmp(L, cmp_negate(v->cmp), v->ops[0], v->ops[1], loc);
      v->is_unsigned = u;
    } else {
      v = expr_cmp(L, CMP_EQ, v, zero_for(L, v, loc), loc);
    }
    return deliver(L, w, dst, v, e);
  }
  Expr *v = tl_value(L, sub);
  bool minus = op[0] == '-';
  if (is_const(v))
    v = tl_const(L, minus ? (long)(0ul - (unsigned long)v->value) : ~v->value, loc);
  else
    v = expr_op(L, minus ? "-" : "~", v, NULL, loc);
  return deliver(L, w, dst, v, e);
}

static Expr *pointer_op(TL *L, TSNode e, Want w, Path *dst) {
  Loc loc = tl_loc(L, e);
  TSNode sub = ts_field(e, "argument");
  if (strcmp(op_of(L, e), "&") == 0) {
    TSNode s = strip(sub);
    if (ts_is(s, "identifier") && !tl_lookup(L, ts_text(L->t, L->text, s)) &&
        is_function_name(L, ts_text(L->t, L->text, s)))
      return deliver(L, w, dst, identifier(L, s), e);
    Expr *x = expr_new(L, EXPR_ADDR, loc);
    x->path = ts_is(s, "compound_literal_expression") ? tl_as(L, s, WANT_VALUE, NULL)->path
                                                      : lvalue(L, sub);
    return deliver(L, w, dst, x, e);
  }
  return deliver(L, w, dst, expr_path(L, deref_path(L, sub), loc), e);
}

static Expr *update(TL *L, TSNode e, Want w, Path *dst) {
  Loc loc = tl_loc(L, e);
  TSNode sub = ts_field(e, "argument");
  bool post = ts_node_start_byte(sub) == ts_node_start_byte(e);
  bool inc = strcmp(op_of(L, e), "++") == 0;
  Path *p = lvalue(L, sub);
  Expr *old = expr_path(L, p, loc);
  if (post && w != WANT_NONE) {
    Path *tp = tl_path_var(
        L, tl_temp(L, (TypeInfo){p->var ? p->var->type : TY_OTHER, old->is_unsigned, "?", NULL},
                   NULL, loc));
    tl_assign(L, tp, old, e);
    old = expr_path(L, tp, loc);
  }
  Expr *upd = expr_op(L, inc ? "+" : "-", expr_path(L, p, loc), tl_const(L, 1, loc), loc);
  tl_assign(L, p, upd, e);
  return deliver(L, w, dst, post ? old : expr_path(L, p, loc), e);
}

static Expr *assignment(TL *L, TSNode e, Want w, Path *dst) {
  Loc loc = tl_loc(L, e);
  const char *op = op_of(L, e);
  Path *p = lvalue(L, ts_field(e, "left"));
  if (strcmp(op, "=") == 0) {
    TSNode saved = L->anchor;
    L->anchor = e;
    tl_as(L, ts_field(e, "right"), WANT_INTO, p);
    L->anchor = saved;
  } else {
    Expr *r = tl_value(L, ts_field(e, "right"));
    const char *bop = arena_strndup(L->a, op, strlen(op) - 1); /* "+=" -> "+" */
    tl_assign(L, p, expr_op(L, bop, expr_path(L, p, loc), r, loc), e);
  }
  return w == WANT_NONE ? NULL : deliver(L, w, dst, expr_path(L, p, loc), e);
}

static Expr *binary(TL *L, TSNode e, Want w, Path *dst) {
  Loc loc = tl_loc(L, e);
  const char *op = op_of(L, e);
  TSNode a = ts_field(e, "left"), b = ts_field(e, "right");
  if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0) {
    if (w == WANT_NONE) {
      BB *mid = tl_bb_new(L), *join = tl_bb_new(L);
      if (op[0] == '&')
        tl_cond(L, a, mid, join);
      else
        tl_cond(L, a, join, mid);
      L->cur = mid;
      tl_discard(L, b);
      tl_enter(L, join);
      return NULL;
    }
    Path *p = w == WANT_INTO
                  ? dst
                  : tl_path_var(L, tl_temp(L, (TypeInfo){TY_INT, false, "int", NULL}, NULL, loc));
    bool_into(L, e, p);
    return expr_path(L, p, loc);
  }
  long n;
  if (strcmp(op, "/") == 0 && array_count(L, e, &n))
    return deliver(L, w, dst, tl_const(L, n, loc), e);
  Expr *x = tl_value(L, a), *y = tl_value(L, b);
  Expr *v;
  CmpOp cmp;
  long r;
  if (cmp_of(op, &cmp)) {
    if (is_const(x) && is_const(y)) {
      v = tl_const(L, cmp_fold(cmp, x->value, y->value), loc);
    } else {
      /* 0 compared with a pointer is NULL, as clang's conversion makes it. */
      if (is_const(y) && y->value == 0 && pointerish(x)) y = null_const(L, y->loc);
      if (is_const(x) && x->value == 0 && pointerish(y)) x = null_const(L, x->loc);
      v = expr_cmp(L, cmp, x, y, loc);
    }
  } else if (is_const(x) && is_const(y) && arith(op, x->value, y->value, &r)) {
    v = tl_const(L, r, loc);
  } else {
    v = expr_op(L, arena_strdup(L->a, op), x, y, loc);
  }
  return deliver(L, w, dst, v, e);
}

static bool routes_into(TSNode e) {
  e = strip(e);
  const char *k = ts_node_type(e);
  return strcmp(k, "call_expression") == 0 || strcmp(k, "conditional_expression") == 0 ||
         strcmp(k, "compound_literal_expression") == 0 || strcmp(k, "initializer_list") == 0 ||
         strcmp(k, "comma_expression") == 0 || strcmp(k, "assignment_expression") == 0 ||
         strcmp(k, "parenthesized_expression") == 0;
}

static Expr *cast(TL *L, TSNode e, Want w, Path *dst) {
  TSNode type = ts_field(e, "type"), value = ts_field(e, "value");
  TSNode tt = ts_field(type, "type"), td = ts_field(type, "declarator");
  bool to_void = ts_node_is_null(td) && ts_is(tt, "primitive_type") &&
                 strcmp(ts_text(L->t, L->text, tt), "void") == 0;
  if (to_void) {
    tl_discard(L, value); /* (void)f(x) */
    return w == WANT_NONE ? NULL : deliver(L, w, dst, tl_unknown(L, "void", tl_loc(L, e)), e);
  }
  if (w == WANT_NONE || (w == WANT_INTO && routes_into(value))) return tl_as(L, value, w, dst);
  Expr *v = tl_value(L, value);
  if (is_const(v) && v->value == 0 && !ts_node_is_null(td) && strstr(ts_node_type(td), "pointer"))
    v = null_const(L, v->loc);
  return deliver(L, w, dst, v, e);
}

static Expr *string(TL *L, TSNode e) {
  Expr *x = expr_new(L, EXPR_STRING, tl_loc(L, e));
  TSNode s = ts_is(e, "concatenated_string") ? ts_node_named_child(e, 0) : e;
  const char *t = ts_text(L->t, L->text, s);
  const char *q = strchr(t, '"');
  size_t n = strlen(t);
  x->text = q && n >= 2 && t[n - 1] == '"' && q < t + n - 1
                ? arena_strndup(L->a, q + 1, (size_t)(t + n - 1 - (q + 1)))
                : t;
  return x;
}

/* ---- Initializers ------------------------------------------------------------------------ */

static void init_list(TL *L, Path *dst, TSNode list, TypeInfo ty);

static void init_one(TL *L, Path *p, TSNode value, TypeInfo ty) {
  if (ts_is(value, "initializer_list"))
    init_list(L, p, value, ty);
  else
    tl_as(L, value, WANT_INTO, p);
}

static const Fields *fields_of(TL *L, TypeInfo ty) {
  if (ty.cls != TY_RECORD || !ty.record) return NULL;
  return map_get(&L->t->records, str_hash(ty.record), ty.record, str_eq);
}

static int field_index(const Fields *f, const char *name) {
  for (int i = 0; f && i < f->n; i++)
    if (strcmp(f->names[i], name) == 0) return i;
  return -1;
}

static Path *path_field(TL *L, Path *base, const char *name) {
  Path *p = path_new(L, PATH_FIELD, base);
  p->field = name;
  return p;
}

static void init_list(TL *L, Path *dst, TSNode list, TypeInfo ty) {
  const Fields *fields = fields_of(L, ty);
  bool array = ty.cls == TY_ARRAY;
  TypeInfo elem = {TY_OTHER, false, "?", NULL};
  long pos = 0;
  uint32_t n = ts_node_named_child_count(list);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_named_child(list, i);
    if (ts_is(c, "comment")) continue;
    if (ts_is(c, "initializer_pair")) {
      Path *p = dst;
      TsIter it;
      TSNode value = ts_field(c, "value");
      ts_iter_begin(&it, c);
      TSNode kid;
      const char *f;
      while (ts_iter_next(&it, &kid, &f)) {
        if (!f || strcmp(f, "designator") != 0) continue;
        TSNode d = kid;
        if (ts_is(d, "field_designator") || ts_is(d, "field_identifier")) {
          TSNode id = ts_is(d, "field_identifier") ? d : ts_node_named_child(d, 0);
          const char *name = ts_text(L->t, L->text, id);
          if (p == dst && fields) pos = field_index(fields, name) + 1;
          p = path_field(L, p, name);
        } else if (ts_is(d, "subscript_designator")) {
          Expr *ix = tl_value(L, ts_node_named_child(d, 0));
          if (p == dst && array && is_const(ix)) pos = ix->value + 1;
          p = path_index(L, p, ix);
        } else {
          p = path_index(L, p, tl_unknown(L, "range", tl_loc(L, d)));
        }
      }
      ts_iter_end(&it);
      init_one(L, p, value, elem);
    } else if (fields) {
      if (pos < fields->n && fields->names[pos][0])
        init_one(L, path_field(L, dst, fields->names[pos]), c, elem);
      else
        tl_discard(L, c);
      pos++;
    } else if (array) {
      init_one(L, path_index(L, dst, tl_const(L, pos, tl_loc(L, c))), c, elem);
      pos++;
    } else if (ty.cls == TY_RECORD) {
      tl_discard(L, c); /* a record from a header: which member is unknown */
    } else {
      init_one(L, dst, c, elem); /* a scalar in braces */
    }
  }
}

void tl_init(TL *L, Path *dst, TSNode init, TypeInfo ty, TSNode at) {
  TSNode saved = L->anchor;
  L->anchor = at;
  init_one(L, dst, init, ty);
  L->anchor = saved;
}

static Expr *compound_literal(TL *L, TSNode e, Want w, Path *dst) {
  TSNode type = ts_field(e, "type");
  TypeInfo ty =
      ts_declared_type(L->t, L->text, ts_field(type, "type"), ts_field(type, "declarator"), NULL);
  if (w != WANT_INTO) dst = tl_path_var(L, tl_temp(L, ty, NULL, tl_loc(L, e)));
  TSNode list = ts_field(e, "value");
  if (!ts_node_is_null(list)) init_list(L, dst, list, ty);
  return expr_path(L, dst, tl_loc(L, e));
}

/* A floating literal prints as its value, as the libclang front end's do. */
static Expr *floating(TL *L, TSNode e, Loc loc) {
  const char *t = ts_text(L->t, L->text, e);
  char *end;
  double d = strtod(t, &end);
  if (end == t || (*end && !strchr("fFlL", *end))) return tl_unknown(L, "constant", loc);
  char buf[64];
  snprintf(buf, sizeof buf, "%g", d);
  Expr *x = tl_unknown(L, arena_strdup(L->a, buf), loc);
  x->is_float = true;
  return x;
}

/* ---- Expressions --------------------------------------------------------------------- */

static Expr *side_effects(TL *L, TSNode e, Want w, Path *dst, const char *what) {
  uint32_t n = ts_node_named_child_count(e);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_named_child(e, i);
    if (!ts_is(c, "comment") && !ts_is(c, "type_descriptor")) tl_discard(L, c);
  }
  return deliver(L, w, dst, tl_unknown(L, what, tl_loc(L, e)), e);
}

static Expr *lower_as(TL *L, TSNode e, Want w, Path *dst);

Expr *tl_as(TL *L, TSNode e, Want w, Path *dst) {
  if (!tl_deeper(L, e)) return deliver(L, w, dst, tl_unknown(L, "too deep", tl_loc(L, e)), e);
  Expr *v = lower_as(L, e, w, dst);
  L->depth--;
  return v;
}

static Expr *lower_as(TL *L, TSNode e, Want w, Path *dst) {
  const char *k = ts_node_type(e);
  Loc loc = tl_loc(L, e);
  if (strcmp(k, "parenthesized_expression") == 0) {
    if (ts_node_named_child_count(e) != 1) return side_effects(L, e, w, dst, NULL);
    TSNode in = ts_node_named_child(e, 0);
    if (ts_is(in, "compound_statement")) return stmt_expr(L, in, w, dst);
    return tl_as(L, in, w, dst);
  }
  if (strcmp(k, "identifier") == 0) return deliver(L, w, dst, identifier(L, e), e);
  if (strcmp(k, "number_literal") == 0 || strcmp(k, "char_literal") == 0 ||
      strcmp(k, "true") == 0 || strcmp(k, "false") == 0) {
    long v;
    Expr *x = const_eval(L, e, &v, 0) ? tl_const(L, v, loc) : floating(L, e, loc);
    return deliver(L, w, dst, x, e);
  }
  if (strcmp(k, "null") == 0) return deliver(L, w, dst, null_const(L, loc), e);
  if (strcmp(k, "string_literal") == 0 || strcmp(k, "concatenated_string") == 0)
    return deliver(L, w, dst, string(L, e), e);
  if (strcmp(k, "call_expression") == 0) return call(L, e, w, dst);
  if (strcmp(k, "assignment_expression") == 0) return assignment(L, e, w, dst);
  if (strcmp(k, "binary_expression") == 0) return binary(L, e, w, dst);
  if (strcmp(k, "unary_expression") == 0) return unary(L, e, w, dst);
  if (strcmp(k, "pointer_expression") == 0) return pointer_op(L, e, w, dst);
  if (strcmp(k, "update_expression") == 0) return update(L, e, w, dst);
  if (strcmp(k, "conditional_expression") == 0) return conditional(L, e, w, dst);
  if (strcmp(k, "cast_expression") == 0) return cast(L, e, w, dst);
  if (strcmp(k, "field_expression") == 0 || strcmp(k, "subscript_expression") == 0)
    return deliver(L, w, dst, expr_path(L, lvalue(L, e), loc), e);
  if (strcmp(k, "comma_expression") == 0) {
    tl_discard(L, ts_field(e, "left"));
    return tl_as(L, ts_field(e, "right"), w, dst);
  }
  if (strcmp(k, "compound_literal_expression") == 0) return compound_literal(L, e, w, dst);
  if (strcmp(k, "initializer_list") == 0) {
    if (w == WANT_INTO) {
      init_list(L, dst, e, (TypeInfo){TY_OTHER, false, "?", NULL});
      return NULL;
    }
    return side_effects(L, e, w, dst, "{}");
  }
  if (strcmp(k, "sizeof_expression") == 0 || strcmp(k, "alignof_expression") == 0 ||
      strcmp(k, "offsetof_expression") == 0)
    return deliver(L, w, dst, tl_unknown(L, "constant", loc), e);
  if (strcmp(k, "generic_expression") == 0)
    return deliver(L, w, dst, tl_unknown(L, "_Generic", loc), e);
  if (strcmp(k, "gnu_asm_expression") == 0) return deliver(L, w, dst, tl_unknown(L, "asm", loc), e);
  return side_effects(L, e, w, dst, NULL);
}

Expr *tl_value(TL *L, TSNode e) {
  return tl_as(L, e, WANT_VALUE, NULL);
}

void tl_discard(TL *L, TSNode e) {
  tl_as(L, e, WANT_NONE, NULL);
}

/* ---- Conditions -------------------------------------------------------------------- */

static void branch_on(TL *L, CmpOp op, Expr *a, Expr *b, BB *t, BB *f, Loc loc) {
  if (is_const(a) && is_const(b)) {
    tl_jump(L, cmp_fold(op, a->value, b->value) ? t : f, NULL, loc);
    return;
  }
  if (is_const(a)) {
    Expr *x = a;
    a = b;
    b = x;
    op = cmp_swap(op);
  }
  tl_branch(L, op, a, b, t, f, loc);
}

static void lower_cond(TL *L, TSNode e, BB *t, BB *f);

void tl_cond(TL *L, TSNode e, BB *t, BB *f) {
  if (!tl_deeper(L, e)) {
    Loc loc = tl_loc(L, e);
    tl_branch(L, CMP_NE, tl_unknown(L, "too deep", loc), tl_const(L, 0, loc), t, f, loc);
    return;
  }
  lower_cond(L, e, t, f);
  L->depth--;
}

static void lower_cond(TL *L, TSNode e, BB *t, BB *f) {
  TSNode s = strip(e);
  Loc loc = tl_loc(L, s);
  const char *k = ts_node_type(s);
  if (strcmp(k, "unary_expression") == 0 && strcmp(op_of(L, s), "!") == 0) {
    tl_cond(L, ts_field(s, "argument"), f, t);
    return;
  }
  if (strcmp(k, "binary_expression") == 0) {
    const char *op = op_of(L, s);
    CmpOp cmp;
    if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0) {
      BB *mid = tl_bb_new(L);
      if (op[0] == '&')
        tl_cond(L, ts_field(s, "left"), mid, f);
      else
        tl_cond(L, ts_field(s, "left"), t, mid);
      L->cur = mid;
      tl_cond(L, ts_field(s, "right"), t, f);
      return;
    }
    if (cmp_of(op, &cmp)) {
      Expr *v = tl_value(L, s);
      if (v->kind == EXPR_CMP) {
        branch_on(L, v->cmp, v->ops[0], v->ops[1], t, f, loc);
        return;
      }
      if (is_const(v)) {
        tl_jump(L, v->value ? t : f, NULL, loc);
        return;
      }
    }
  }
  if (strcmp(k, "comma_expression") == 0) {
    tl_discard(L, ts_field(s, "left"));
    tl_cond(L, ts_field(s, "right"), t, f);
    return;
  }
  if (strcmp(k, "conditional_expression") == 0 && !ts_node_is_null(ts_field(s, "consequence"))) {
    BB *ta = tl_bb_new(L), *tb = tl_bb_new(L);
    tl_cond(L, ts_field(s, "condition"), ta, tb);
    L->cur = ta;
    tl_cond(L, ts_field(s, "consequence"), t, f);
    L->cur = tb;
    tl_cond(L, ts_field(s, "alternative"), t, f);
    return;
  }
  if (strcmp(k, "call_expression") == 0) {
    TSNode fn = ts_field(s, "function");
    TSNode args = ts_field(s, "arguments");
    if (ts_is(fn, "identifier") && transparent(ts_text(L->t, L->text, fn)) &&
        ts_node_named_child_count(args) >= 1) {
      tl_cond(L, ts_node_named_child(args, 0), t, f);
      return;
    }
  }
  Expr *v = tl_value(L, s);
  if (v->kind == EXPR_CMP) {
    branch_on(L, v->cmp, v->ops[0], v->ops[1], t, f, loc);
    return;
  }
  branch_on(L, CMP_NE, v, zero_for(L, v, loc), t, f, loc);
}
