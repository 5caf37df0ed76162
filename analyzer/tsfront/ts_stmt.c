/*
 * ts_stmt.c - one function definition's syntax tree to a CFG.
 *
 * The walk mirrors the libclang front end's (frontend/lower.c), so that both
 * give the engine the same graph for the same code: statements are appended
 * to the current block, blocks end in terminators, `L->cur == NULL` means
 * the point is unreachable, and cfg_finish (cfgbuild.h) drops what the
 * entry cannot reach and numbers the rest. Scopes track two things here:
 * which declaration a name means (C's shadowing), and the variables with a
 * cleanup attribute written out in the file.
 *
 * Two differences come from having no preprocessor. A switch whose case
 * labels are macros from headers (`case EINTR:`) cannot be a jump table of
 * known values: it becomes a chain of comparisons with unknown values, so
 * every case stays reachable. And a goto to a label the #if policy left
 * out ends its path, since where it leads is not in the tree.
 */
#include "tsfront_int.h"

#include <string.h>

/* ---- Blocks ------------------------------------------------------------------ */

Loc tl_loc(TL *L, TSNode n) {
  if (L->in_macro) return L->macro_at;
  TSPoint p = ts_node_start_point(n);
  return (Loc){L->t->file, (int)p.row + 1, (int)p.column + 1};
}

/* The closing brace of a compound statement. */
static Loc end_loc(TL *L, TSNode n) {
  if (L->in_macro) return L->macro_at;
  TSPoint p = ts_node_end_point(n);
  return (Loc){L->t->file, (int)p.row + 1, p.column > 0 ? (int)p.column : 1};
}

BB *tl_bb_new(TL *L) {
  return cfg_bb_new(&L->scratch, &L->blocks);
}

static BB *bb_cur(TL *L) {
  if (!L->cur) L->cur = tl_bb_new(L);
  return L->cur;
}

void tl_emit(TL *L, Stmt *s) {
  if (L->in_macro) s->macro = L->macro;
  vec_push(&L->scratch, &bb_cur(L)->stmts, s);
}

static Term *term_begin(TL *L, TermKind kind, Loc loc, int nsucc) {
  return cfg_term(&L->scratch, &L->cur, kind, loc, nsucc);
}

void tl_jump(TL *L, BB *to, const char *kind, Loc loc) {
  cfg_jump(&L->scratch, &L->cur, to, kind, loc);
}

void tl_branch(TL *L, CmpOp op, Expr *lhs, Expr *rhs, BB *tb, BB *fb, Loc loc) {
  cfg_branch(&L->scratch, &L->cur, op, lhs, rhs, tb, fb, loc);
}

void tl_noreturn(TL *L, const char *callee, Loc loc) {
  cfg_noreturn(&L->scratch, &L->cur, callee, loc);
}

static void jump_to(TL *L, BB *b) {
  if (L->cur) tl_jump(L, b, NULL, L->here);
}

void tl_enter(TL *L, BB *b) {
  jump_to(L, b);
  L->cur = b;
}

/* ---- Variables and scopes ------------------------------------------------------ */

typedef struct Binding {
  const char *name;
  Var *hidden; /* what the name meant before, or NULL */
} Binding;

Var *tl_var(TL *L, const char *name, VarKind kind, TypeInfo ty, Loc loc) {
  Var *v = ARENA_NEW(L->a, Var);
  v->id = L->vars.len;
  v->name = name;
  v->kind = kind;
  v->type = ty.cls;
  v->is_unsigned = ty.is_unsigned;
  v->type_name = ty.name;
  v->loc = loc;
  vec_push(&L->scratch, &L->vars, v);
  return v;
}

Var *tl_temp(TL *L, TypeInfo ty, const char *origin, Loc loc) {
  Var *v = tl_var(L, arena_printf(L->a, "t%d", ++L->ntemps), VAR_TEMP, ty, loc);
  v->origin_call = origin;
  return v;
}

static void bind(TL *L, Var *v) {
  unsigned h = str_hash(v->name);
  Binding *b = ARENA_NEW(&L->scratch, Binding);
  b->name = v->name;
  b->hidden = map_get(&L->names, h, v->name, str_eq);
  if (L->scope) vec_push(&L->scratch, &L->scope->shadowed, b);
  map_put(&L->scratch, &L->names, h, v->name, v, str_eq);
}

Var *tl_lookup(TL *L, const char *name) {
  unsigned h = str_hash(name);
  Var *v = map_get(&L->names, h, name, str_eq);
  if (v) return v;
  TypeInfo *g = map_get(&L->t->globals, h, name, str_eq);
  if (!g) return NULL;
  /* A file-scope variable, bound at function level on first use. */
  v = tl_var(L, arena_strdup(L->a, name), VAR_GLOBAL, *g, L->here);
  if (v->type == TY_POINTER) v->fn_targets = map_get(&L->t->fnptr_file, h, name, str_eq);
  map_put(&L->scratch, &L->names, h, v->name, v, str_eq);
  return v;
}

Path *tl_path_var(TL *L, Var *v) {
  Path *p = ARENA_NEW(L->a, Path);
  p->kind = PATH_VAR;
  p->var = v;
  return p;
}

void tl_scope_push(TL *L, TSNode owner) {
  Scope *s = ARENA_NEW(&L->scratch, Scope);
  s->up = L->scope;
  s->from = ts_node_start_byte(owner);
  s->to = ts_node_end_byte(owner);
  s->in_macro = L->in_macro;
  L->scope = s;
}

static void emit_cleanups(TL *L, Scope *s, Loc loc) {
  if (!L->cur) return;
  for (int i = s->cleanups.len - 1; i >= 0; i--) {
    Var *v = s->cleanups.data[i];
    Stmt *st = ARENA_NEW(L->a, Stmt);
    st->kind = STMT_CALL;
    st->loc = loc;
    st->callee = v->cleanup;
    st->nargs = 1;
    st->args = ARENA_ARRAY(L->a, Expr *, 1);
    st->args[0] = ARENA_NEW(L->a, Expr);
    st->args[0]->kind = EXPR_ADDR;
    st->args[0]->loc = loc;
    st->args[0]->path = tl_path_var(L, v);
    st->text = arena_printf(L->a, "%s(&%s)", v->cleanup, v->name);
    st->is_cleanup = true;
    tl_emit(L, st);
  }
}

void tl_scope_pop(TL *L, Loc loc) {
  Scope *s = L->scope;
  emit_cleanups(L, s, loc);
  for (int i = s->shadowed.len - 1; i >= 0; i--) {
    Binding *b = s->shadowed.data[i];
    map_put(&L->scratch, &L->names, str_hash(b->name), b->name, b->hidden, str_eq);
  }
  L->scope = s->up;
}

static void leave_scopes(TL *L, Scope *until, Loc loc) {
  for (Scope *s = L->scope; s && s != until; s = s->up)
    emit_cleanups(L, s, loc);
}

static bool have_cleanups(TL *L) {
  for (Scope *s = L->scope; s; s = s->up)
    if (s->cleanups.len) return true;
  return false;
}

/* ---- Declarations ----------------------------------------------------------- */

/* The function `cleanup(fn)` (or `__cleanup__(fn)`) names in s, or NULL. */
static const char *cleanup_in(TL *L, const char *s) {
  const char *c = strstr(s, "cleanup");
  if (!c) return NULL;
  c += strlen("cleanup");
  while (*c == '_' || *c == ' ' || *c == '(')
    c++;
  const char *e = c;
  while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') ||
         *e == '_')
    e++;
  return e > c ? arena_strndup(L->a, c, (size_t)(e - c)) : NULL;
}

/* `__attribute__((cleanup(fn)))` as written in the declaration. */
static const char *cleanup_of(TL *L, TSNode decl) {
  uint32_t cnt = ts_node_child_count(decl);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_child(decl, i);
    if (!ts_is(k, "attribute_specifier")) continue;
    const char *fn = cleanup_in(L, ts_text(L->t, L->text, k));
    if (fn) return fn;
  }
  return NULL;
}

/* An attribute macro before a declaration (`AUTOCLOSE int fd = ...`,
   `_cleanup_(freep) char *p`): tree-sitter, which does not know the macro,
   reads it as the type, and the real type as a declarator or an ERROR
   node. The file's macros say what it expands to. */
typedef struct Prefix {
  bool active;
  const char *cleanup; /* the function its expansion names, or NULL */
  TSNode type;         /* the real type, when tree-sitter put it in an ERROR node */
  TSNode sized;        /* or a sized type (`unsigned`) the macro was read into */
} Prefix;

static Prefix attribute_prefix(TL *L, TSNode d, TSNode type) {
  Prefix p = {0};
  const char *text = NULL;
  /* `AUTOCLOSE unsigned fd`: read as the sized type `unsigned AUTOCLOSE`. */
  TSNode sized = {0};
  if (ts_is(type, "sized_type_specifier") && ts_is(ts_field(type, "type"), "type_identifier")) {
    sized = type;
    type = ts_field(type, "type");
  }
  if (ts_is(type, "type_identifier")) {
    const char *name = ts_text(L->t, L->text, type);
    Macro *m = map_get(&L->t->macros, str_hash(name), name, str_eq);
    if (m && !m->function_like) text = name;
  } else if (ts_is(type, "macro_type_specifier")) {
    text = ts_text(L->t, L->text, type);
  }
  if (!text) return p;
  const char *x = tl_expand_text(L, text, 0);
  if (!strstr(x, "__attribute__") && !strstr(x, "cleanup")) return p;
  p.active = true;
  p.cleanup = cleanup_in(L, x);
  if (!ts_node_is_null(sized)) {
    p.sized = sized;
    return p;
  }
  uint32_t cnt = ts_node_named_child_count(d);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_named_child(d, i);
    if (ts_is(k, "ERROR") && ts_node_named_child_count(k) > 0) {
      p.type = ts_node_named_child(k, 0);
      break;
    }
  }
  return p;
}

static const char *storage_of(TL *L, TSNode decl) {
  uint32_t cnt = ts_node_child_count(decl);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_child(decl, i);
    if (ts_is(k, "storage_class_specifier")) return ts_text(L->t, L->text, k);
  }
  return "";
}

static bool declares_function(TSNode d) {
  while (!ts_node_is_null(d) && ts_is(d, "pointer_declarator"))
    d = ts_field(d, "declarator");
  return ts_is(d, "function_declarator") && ts_is(ts_field(d, "declarator"), "identifier");
}

static TSNode name_node(TSNode d) {
  while (!ts_node_is_null(d) && !ts_is(d, "identifier")) {
    TSNode inner = ts_field(d, "declarator");
    if (ts_node_is_null(inner) && ts_node_named_child_count(d) > 0)
      inner = ts_node_named_child(d, 0);
    d = inner;
  }
  return d;
}

/* A variable of unknown type that the function uses as a pointer, or that
   is initialized from a call the rules say returns one, is a pointer. */
static TypeInfo refine(TL *L, TypeInfo ty, const char *name, TSNode init) {
  if (ty.cls != TY_OTHER) return ty;
  if (map_get(&L->pointer_use, str_hash(name), name, str_eq)) {
    ty.cls = TY_POINTER;
  } else if (ts_is(init, "call_expression")) {
    TSNode fn = ts_field(init, "function");
    if (ts_is(fn, "identifier")) {
      TypeInfo ct = ts_call_type(L->t, ts_text(L->t, L->text, fn));
      if (ct.cls != TY_OTHER) ty.cls = ct.cls;
    }
  }
  return ty;
}

void tl_declaration(TL *L, TSNode d) {
  const char *sc = storage_of(L, d);
  TSNode type = ts_field(d, "type");
  Prefix pre = attribute_prefix(L, d, type);
  if (!pre.active && L->pending_cleanup) {
    /* `_cleanup_(freep) unsigned char *p`: the macro and `unsigned` were
       read as a declaration of their own, ended by a missing ';'. */
    pre.active = true;
    pre.cleanup = L->pending_cleanup;
  }
  L->pending_cleanup = NULL;
  if (pre.active && ts_node_has_error(d) && ts_is(ts_field(d, "declarator"), "identifier") &&
      ts_node_is_missing(ts_node_child(d, ts_node_child_count(d) - 1))) {
    L->pending_cleanup = pre.cleanup;
    return;
  }
  TsIter it;
  ts_iter_begin(&it, d);
  TSNode decl;
  const char *fname;
  while (ts_iter_next(&it, &decl, &fname)) {
    if (!fname || strcmp(fname, "declarator") != 0) continue;
    TSNode init = {0}, nn = {0};
    if (ts_is(decl, "init_declarator")) {
      init = ts_field(decl, "value");
      /* `AUTOCLOSE int fd = ...`: `int` read as the name, fd in an ERROR. */
      TSNode inner = ts_field(decl, "declarator");
      if (pre.active && ts_node_is_null(pre.type) && ts_is(inner, "identifier")) {
        uint32_t cnt = ts_node_named_child_count(decl);
        for (uint32_t i = 0; i < cnt; i++) {
          TSNode k = ts_node_named_child(decl, i);
          if (ts_is(k, "ERROR") && ts_node_named_child_count(k) > 0) nn = ts_node_named_child(k, 0);
        }
        if (!ts_node_is_null(nn)) pre.type = inner;
      }
      decl = inner;
    }
    if (declares_function(decl)) continue; /* a prototype inside a body */
    const char *name = NULL;
    TypeInfo ty;
    if (pre.active && !ts_node_is_null(pre.sized)) {
      TypeInfo base = {TY_INT, strstr(ts_text(L->t, L->text, pre.sized), "unsigned") != NULL, "int",
                       NULL};
      ty = ts_declarator_type(L->t, L->text, base, decl, &name);
    } else if (pre.active && !ts_node_is_null(pre.type)) {
      TypeInfo base = ts_type_named(L->t, ts_text(L->t, L->text, pre.type));
      ty = ts_declarator_type(L->t, L->text, base, ts_node_is_null(nn) ? decl : nn, &name);
    } else {
      ty = ts_declared_type(L->t, L->text, type, decl, &name);
    }
    if (!name) continue;
    name = arena_strdup(L->a, name);
    ty = refine(L, ty, name, init);
    if (ts_node_is_null(nn)) nn = name_node(decl);
    Loc loc = tl_loc(L, ts_node_is_null(nn) ? decl : nn);
    L->here = loc;
    if (strcmp(sc, "extern") == 0) {
      Var *g = tl_var(L, name, VAR_GLOBAL, ty, loc);
      if (g->type == TY_POINTER)
        g->fn_targets = map_get(&L->t->fnptr_file, str_hash(name), name, str_eq);
      bind(L, g);
      continue;
    }
    bool is_static = strcmp(sc, "static") == 0;
    Var *v = tl_var(L, name, is_static ? VAR_STATIC : VAR_LOCAL, ty, loc);
    /* Declared in the file's own text (not a macro's): the scan's entry. */
    if (v->type == TY_POINTER && L->text == L->t->src && !ts_node_is_null(nn))
      v->fn_targets = ts_fnptr_local(L->t, ts_node_start_byte(nn));
    bind(L, v);
    if (is_static) continue; /* initialized once, before the program runs */
    v->cleanup = pre.cleanup ? pre.cleanup : cleanup_of(L, d);
    if (!ts_node_is_null(init))
      tl_init(L, tl_path_var(L, v), init, ty, ts_node_is_null(nn) ? decl : nn);
    else
      v->no_init = v->type == TY_ARRAY && !ts_node_has_error(d);
    if (v->cleanup) {
      ts_decl(L->t, v->cleanup, loc);
      vec_push(&L->scratch, &L->scope->cleanups, v);
    }
  }
  ts_iter_end(&it);
}

/* ---- Labels ---------------------------------------------------------------- */

static BB *label(TL *L, const char *name) {
  unsigned h = str_hash(name);
  BB *b = map_get(&L->labels, h, name, str_eq);
  if (!b) {
    b = tl_bb_new(L);
    b->b.label = arena_strdup(L->a, name);
    map_put(&L->scratch, &L->labels, h, b->b.label, b, str_eq);
  }
  return b;
}

/* The innermost open scope that holds the label: a goto leaves the scopes
   inside it, and their cleanups run. */
static Scope *label_scope(TL *L, const char *name) {
  if (!L->labels_scanned) {
    L->labels_scanned = true;
    TSTreeCursor c = ts_tree_cursor_new(L->body);
    for (;;) {
      TSNode n = ts_tree_cursor_current_node(&c);
      if (ts_is(n, "labeled_statement")) {
        const char *ln = ts_text(L->t, L->t->src, ts_field(n, "label"));
        TSNode *p = ARENA_NEW(&L->scratch, TSNode);
        *p = n;
        map_put(&L->scratch, &L->label_at, str_hash(ln), ln, p, str_eq);
      }
      if (ts_tree_cursor_goto_first_child(&c)) continue;
      while (!ts_tree_cursor_goto_next_sibling(&c))
        if (!ts_tree_cursor_goto_parent(&c)) goto done;
    }
  done:
    ts_tree_cursor_delete(&c);
  }
  TSNode *at = map_get(&L->label_at, str_hash(name), name, str_eq);
  if (!at) return NULL; /* not in the tree: every scope is left */
  uint32_t pos = ts_node_start_byte(*at);
  for (Scope *s = L->scope; s; s = s->up)
    if (!s->in_macro && s->from <= pos && pos < s->to) return s;
  return NULL;
}

/* ---- Statements ------------------------------------------------------------- */

static TSNode inner_expr(TSNode paren) {
  /* if (x), while (x), switch (x): the parenthesized_expression's content. */
  if (ts_is(paren, "parenthesized_expression") && ts_node_named_child_count(paren) == 1)
    return ts_node_named_child(paren, 0);
  return paren;
}

static void lower_if(TL *L, TSNode n) {
  TSNode cond = inner_expr(ts_field(n, "condition"));
  TSNode then = ts_field(n, "consequence");
  TSNode alt = ts_field(n, "alternative");
  if (ts_is(alt, "else_clause")) alt = ts_node_named_child(alt, 0);
  bool has_else = !ts_node_is_null(alt);
  BB *tb = tl_bb_new(L), *fb = has_else ? tl_bb_new(L) : NULL, *join = tl_bb_new(L);
  tl_cond(L, cond, tb, fb ? fb : join);
  L->cur = tb;
  if (!ts_node_is_null(then)) tl_stmt(L, then);
  jump_to(L, join);
  if (fb) {
    L->cur = fb;
    tl_stmt(L, alt);
    jump_to(L, join);
  }
  L->cur = join;
}

static void loop_body(TL *L, TSNode body, BB *brk, BB *cont) {
  JumpTarget saved_brk = L->brk, saved_cont = L->cont;
  L->brk = (JumpTarget){brk, L->scope};
  L->cont = (JumpTarget){cont, L->scope};
  if (!ts_node_is_null(body)) tl_stmt(L, body);
  L->brk = saved_brk;
  L->cont = saved_cont;
}

static void lower_while(TL *L, TSNode n) {
  BB *head = tl_bb_new(L), *body = tl_bb_new(L), *exit = tl_bb_new(L);
  tl_enter(L, head);
  tl_cond(L, inner_expr(ts_field(n, "condition")), body, exit);
  L->cur = body;
  loop_body(L, ts_field(n, "body"), exit, head);
  jump_to(L, head);
  L->cur = exit;
}

static void lower_do(TL *L, TSNode n) {
  BB *body = tl_bb_new(L), *cond = tl_bb_new(L), *exit = tl_bb_new(L);
  tl_enter(L, body);
  loop_body(L, ts_field(n, "body"), exit, cond);
  tl_enter(L, cond);
  tl_cond(L, inner_expr(ts_field(n, "condition")), body, exit);
  L->cur = exit;
}

static void lower_for(TL *L, TSNode n) {
  TSNode init = ts_field(n, "initializer"), cond = ts_field(n, "condition");
  TSNode inc = ts_field(n, "update"), body = ts_field(n, "body");
  tl_scope_push(L, n);
  if (ts_is(init, "declaration"))
    tl_declaration(L, init);
  else if (!ts_node_is_null(init))
    tl_discard(L, init);
  BB *head = tl_bb_new(L), *bb = tl_bb_new(L), *incb = tl_bb_new(L), *exit = tl_bb_new(L);
  tl_enter(L, head);
  if (!ts_node_is_null(cond))
    tl_cond(L, cond, bb, exit);
  else
    jump_to(L, bb);
  L->cur = bb;
  loop_body(L, body, exit, incb);
  tl_enter(L, incb);
  if (!ts_node_is_null(inc)) tl_discard(L, inc);
  jump_to(L, head);
  L->cur = exit;
  tl_scope_pop(L, L->here);
}

static BB *case_block(TL *L) {
  SwitchCtx *sw = L->sw;
  if (sw->fresh && L->cur == sw->fresh && sw->fresh->stmts.len == 0) return sw->fresh;
  BB *b = tl_bb_new(L);
  tl_enter(L, b);
  sw->fresh = b;
  return b;
}

static void case_body(TL *L, TSNode n) {
  TsIter it;
  ts_iter_begin(&it, n);
  TSNode kid;
  const char *f;
  while (ts_iter_next(&it, &kid, &f)) {
    if (f && strcmp(f, "value") == 0) continue;
    TSNode k = kid;
    if (ts_node_is_named(k)) tl_stmt(L, k);
  }
  ts_iter_end(&it);
}

static void lower_case(TL *L, TSNode n) {
  TSNode value = ts_field(n, "value");
  if (!L->sw) {
    case_body(L, n);
    return;
  }
  BB *b = case_block(L);
  if (ts_node_is_null(value)) {
    L->sw->dflt = b;
  } else {
    long v;
    if (tl_case_value(L, value, &v)) {
      SwitchCase *sc = ARENA_NEW(&L->scratch, SwitchCase);
      sc->lo = sc->hi = v;
      vec_push(&L->scratch, &L->sw->cases, sc);
      vec_push(&L->scratch, &L->sw->blocks, b);
    } else {
      TSNode *p = ARENA_NEW(&L->scratch, TSNode);
      *p = value;
      vec_push(&L->scratch, &L->sw->others, p);
      vec_push(&L->scratch, &L->sw->oblocks, b);
    }
  }
  case_body(L, n);
}

/* Case labels that are not constants: test them one by one, known values
   first, with the value compared as an unknown for the others. */
static void switch_chain(TL *L, BB *head, Expr *value, SwitchCtx *sw, BB *exit, Loc loc) {
  L->cur = head;
  for (int i = 0; i < sw->cases.len + sw->others.len; i++) {
    bool known = i < sw->cases.len;
    BB *target = known ? sw->blocks.data[i] : sw->oblocks.data[i - sw->cases.len];
    Expr *c;
    if (known) {
      c = tl_const(L, ((SwitchCase *)sw->cases.data[i])->lo, loc);
    } else {
      const char *saved = L->text;
      L->text = sw->text;
      c = tl_value(L, *(TSNode *)sw->others.data[i - sw->cases.len]);
      L->text = saved;
    }
    BB *next = tl_bb_new(L);
    tl_branch(L, CMP_EQ, value, c, target, next, loc);
    L->cur = next;
  }
  tl_jump(L, sw->dflt ? sw->dflt : exit, NULL, loc);
}

static void lower_switch(TL *L, TSNode n) {
  Loc loc = L->here;
  Expr *value = tl_value(L, inner_expr(ts_field(n, "condition")));
  BB *head = bb_cur(L);
  BB *exit = tl_bb_new(L);
  SwitchCtx ctx = {.text = L->text}, *saved_sw = L->sw;
  JumpTarget saved_brk = L->brk;
  L->sw = &ctx;
  L->brk = (JumpTarget){exit, L->scope};
  L->cur = NULL; /* the body is entered only through its labels */
  TSNode body = ts_field(n, "body");
  if (!ts_node_is_null(body)) tl_stmt(L, body);
  jump_to(L, exit);
  L->sw = saved_sw;
  L->brk = saved_brk;
  if (ctx.others.len) {
    switch_chain(L, head, value, &ctx, exit, loc);
    L->cur = exit;
    return;
  }
  Term *t = &head->b.term;
  memset(t, 0, sizeof *t);
  t->kind = TERM_SWITCH;
  t->loc = loc;
  t->value = value;
  t->ncases = ctx.cases.len;
  t->cases = ARENA_ARRAY(&L->scratch, SwitchCase, t->ncases + 1);
  t->nsucc = t->ncases + 1;
  t->succ = ARENA_ARRAY(&L->scratch, Block *, t->nsucc);
  for (int i = 0; i < t->ncases; i++) {
    t->cases[i] = *(SwitchCase *)ctx.cases.data[i];
    t->succ[i] = &((BB *)ctx.blocks.data[i])->b;
  }
  t->succ[t->ncases] = ctx.dflt ? &ctx.dflt->b : &exit->b;
  L->cur = exit;
}

static void lower_return(TL *L, TSNode n) {
  Loc loc = L->here;
  Expr *v = NULL;
  if (ts_node_named_child_count(n) >= 1) {
    v = tl_value(L, ts_node_named_child(n, 0));
    bool reads = v->kind == EXPR_PATH ? v->path->var->kind != VAR_TEMP
                                      : v->kind == EXPR_OP || v->kind == EXPR_CMP;
    if (reads && have_cleanups(L)) {
      Var *t = tl_temp(L, (TypeInfo){L->f->ret_type, false, "?", NULL}, NULL, loc);
      Stmt *s = ARENA_NEW(L->a, Stmt);
      s->kind = STMT_ASSIGN;
      s->loc = loc;
      s->lhs = tl_path_var(L, t);
      s->rhs = v;
      tl_emit(L, s);
      v = ARENA_NEW(L->a, Expr);
      v->kind = EXPR_PATH;
      v->loc = loc;
      v->path = tl_path_var(L, t);
    }
  }
  leave_scopes(L, NULL, loc);
  Term *t = term_begin(L, TERM_RETURN, loc, 0);
  if (t) t->value = v;
}

static void lower_jump(TL *L, JumpTarget to, const char *kind) {
  if (!to.bb) return;
  leave_scopes(L, to.scope, L->here);
  tl_jump(L, to.bb, kind, L->here);
}

static void preproc_stmt(void *arg, TSNode n) {
  tl_stmt(arg, n);
}

bool tl_deeper(TL *L, TSNode n) {
  if (L->depth < MAX_NESTING) {
    L->depth++;
    return true;
  }
  if (!L->t->too_deep.line) L->t->too_deep = tl_loc(L, n);
  return false;
}

void tl_stmt(TL *L, TSNode n) {
  if (!tl_deeper(L, n)) return;
  TSNode anchor = L->anchor;
  L->anchor = (TSNode){0};
  const char *k = ts_node_type(n);
  if (strcmp(k, "declaration") != 0) L->pending_cleanup = NULL;
  L->here = tl_loc(L, n);
  if (strcmp(k, "compound_statement") == 0) {
    tl_scope_push(L, n);
    uint32_t cnt = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < cnt; i++)
      tl_stmt(L, ts_node_named_child(n, i));
    tl_scope_pop(L, end_loc(L, n));
    L->here = end_loc(L, n);
  } else if (strcmp(k, "declaration") == 0) {
    tl_declaration(L, n);
  } else if (strcmp(k, "expression_statement") == 0) {
    if (ts_node_named_child_count(n) >= 1) tl_discard(L, ts_node_named_child(n, 0));
  } else if (strcmp(k, "if_statement") == 0) {
    lower_if(L, n);
  } else if (strcmp(k, "while_statement") == 0) {
    lower_while(L, n);
  } else if (strcmp(k, "do_statement") == 0) {
    lower_do(L, n);
  } else if (strcmp(k, "for_statement") == 0) {
    lower_for(L, n);
  } else if (strcmp(k, "switch_statement") == 0) {
    lower_switch(L, n);
  } else if (strcmp(k, "case_statement") == 0) {
    lower_case(L, n);
  } else if (strcmp(k, "break_statement") == 0) {
    lower_jump(L, L->brk, "break");
  } else if (strcmp(k, "continue_statement") == 0) {
    lower_jump(L, L->cont, "continue");
  } else if (strcmp(k, "return_statement") == 0) {
    lower_return(L, n);
  } else if (strcmp(k, "goto_statement") == 0) {
    const char *name = ts_text(L->t, L->text, ts_field(n, "label"));
    if (have_cleanups(L)) leave_scopes(L, label_scope(L, name), L->here);
    tl_jump(L, label(L, name), arena_printf(L->a, "goto %s", name), L->here);
  } else if (strcmp(k, "labeled_statement") == 0) {
    BB *b = label(L, ts_text(L->t, L->text, ts_field(n, "label")));
    tl_enter(L, b);
    uint32_t cnt = ts_node_named_child_count(n);
    for (uint32_t i = 1; i < cnt; i++)
      tl_stmt(L, ts_node_named_child(n, i));
  } else if (strcmp(k, "attributed_statement") == 0) {
    uint32_t cnt = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < cnt; i++) {
      TSNode c = ts_node_named_child(n, i);
      if (!ts_is(c, "attribute_declaration")) tl_stmt(L, c);
    }
  } else if (strcmp(k, "preproc_if") == 0 || strcmp(k, "preproc_ifdef") == 0) {
    ts_preproc_taken(L->t, L->text, n, preproc_stmt, L);
  } else if (strcmp(k, "ERROR") == 0) {
    /* tree-sitter skipped something it could not read: keep the calls and
       statements it recognized inside. */
    uint32_t cnt = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < cnt; i++)
      tl_stmt(L, ts_node_named_child(n, i));
  } else if (strcmp(k, "comment") == 0 || strcmp(k, "type_definition") == 0 ||
             strcmp(k, "function_definition") == 0 || strcmp(k, "preproc_def") == 0 ||
             strcmp(k, "preproc_function_def") == 0 || strcmp(k, "preproc_call") == 0 ||
             strcmp(k, "preproc_include") == 0 || strcmp(k, "gnu_asm_expression") == 0 ||
             strcmp(k, "struct_specifier") == 0 || strcmp(k, "enum_specifier") == 0 ||
             strcmp(k, "union_specifier") == 0 || strcmp(k, "primitive_type") == 0 ||
             strcmp(k, "type_identifier") == 0 || strcmp(k, "statement_identifier") == 0) {
    /* nothing to run */
  } else if (ts_node_is_named(n)) {
    tl_discard(L, n); /* an expression where a statement was expected */
  }
  L->anchor = anchor;
  L->depth--;
}

/* ---- Functions ---------------------------------------------------------------- */

/* Names the body uses as pointers: `p->f`, `*p`, `p == NULL`. */
static void scan_pointer_use(TL *L, TSNode body) {
  TSTreeCursor c = ts_tree_cursor_new(body);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    TSNode id = {0};
    if (ts_is(n, "field_expression")) {
      TSNode op = ts_field(n, "operator");
      if (!ts_node_is_null(op) && ts_node_end_byte(op) - ts_node_start_byte(op) == 2)
        id = ts_field(n, "argument");
    } else if (ts_is(n, "pointer_expression")) {
      TSNode op = ts_field(n, "operator");
      if (!ts_node_is_null(op) && L->text[ts_node_start_byte(op)] == '*')
        id = ts_field(n, "argument");
    } else if (ts_is(n, "binary_expression")) {
      TSNode a = ts_field(n, "left"), b = ts_field(n, "right");
      if (ts_is(b, "null"))
        id = a;
      else if (ts_is(a, "null"))
        id = b;
    }
    if (ts_is(id, "identifier")) {
      const char *name = ts_text(L->t, L->text, id);
      map_put(&L->scratch, &L->pointer_use, str_hash(name), name, (void *)name, str_eq);
    }
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c))
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
  }
done:
  ts_tree_cursor_delete(&c);
}

static TSNode find_function_declarator(TSNode d) {
  while (!ts_node_is_null(d) && !ts_is(d, "function_declarator"))
    d = ts_field(d, "declarator");
  return d;
}

static bool is_static(TL *L, TSNode def) {
  uint32_t cnt = ts_node_child_count(def);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_child(def, i);
    if (ts_is(k, "storage_class_specifier") && strcmp(ts_text(L->t, L->text, k), "static") == 0)
      return true;
  }
  return false;
}

static void params(TL *L, TSNode fd) {
  TSNode ps = ts_field(fd, "parameters");
  uint32_t cnt = ts_node_named_child_count(ps);
  int np = 0;
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode p = ts_node_named_child(ps, i);
    if (!ts_is(p, "parameter_declaration")) continue;
    TSNode type = ts_field(p, "type"), decl = ts_field(p, "declarator");
    if (ts_node_is_null(decl) && strcmp(ts_text(L->t, L->text, type), "void") == 0) continue;
    const char *name = NULL;
    TypeInfo ty = ts_declared_type(L->t, L->text, type, decl, &name);
    name = name ? arena_strdup(L->a, name) : arena_printf(L->a, "arg%d", np);
    ty = refine(L, ty, name, (TSNode){0});
    if (ty.cls == TY_ARRAY) ty.cls = TY_POINTER; /* `int fds[2]` is a pointer */
    TSNode nn = name_node(decl);
    Var *v = tl_var(L, name, VAR_PARAM, ty, tl_loc(L, ts_node_is_null(nn) ? p : nn));
    bind(L, v);
    np++;
  }
  L->f->nparams = np;
}

Func *ts_function(TsUnit *t, TSNode def) {
  TSNode body = ts_field(def, "body");
  TSNode fd = find_function_declarator(ts_field(def, "declarator"));
  if (ts_node_is_null(body) || ts_node_is_null(fd)) return NULL;
  TL L = {.t = t, .a = t->a, .text = t->src};
  arena_init(&L.scratch);
  Func *f = ARENA_NEW(t->a, Func);
  L.f = f;
  f->unit = t->u;
  TSNode name = ts_field(fd, "declarator");
  f->name = ts_text(t, t->src, name);
  f->loc = tl_loc(&L, name);
  f->end = end_loc(&L, body);
  f->is_static = is_static(&L, def);
  f->noreturn = ts_decl(t, f->name, f->loc)->noreturn;
  f->ret_type = ts_return_type(t, t->src, ts_field(def, "type"), ts_field(def, "declarator")).cls;
  L.body = body;
  scan_pointer_use(&L, body);
  L.here = f->loc;
  params(&L, fd);

  L.cur = tl_bb_new(&L);
  tl_stmt(&L, body);
  if (L.cur) {
    Term *tm = &L.cur->b.term;
    memset(tm, 0, sizeof *tm);
    tm->kind = TERM_RETURN;
    tm->loc = f->end;
    L.cur = NULL;
  }
  /* A goto whose label the #if policy left out: the path ends there, since
     what follows it is not in the tree. */
  for (int i = 0; i < L.blocks.len; i++) {
    BB *b = L.blocks.data[i];
    if (b->b.label && b->b.term.nsucc == 0 && b->b.term.kind == TERM_JUMP && b->stmts.len == 0) {
      b->b.term.kind = TERM_NORETURN;
      b->b.term.loc = f->end;
    }
  }
  cfg_finish(f, (BB **)L.blocks.data, L.blocks.len, (Var **)L.vars.data, L.vars.len, t->a,
             &L.scratch);
  arena_free(&L.scratch);
  return f;
}
