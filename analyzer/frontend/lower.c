/*
 * lower.c - from a function definition's statements to a CFG.
 *
 * Lowering walks the body once, appending statements to the current block
 * and closing blocks with terminators. `L->cur == NULL` means the current
 * point is unreachable (after return, break, a noreturn call): code there is
 * still lowered, into blocks nobody jumps to, and the final pass drops every
 * block not reachable from the entry and numbers the rest in reverse
 * postorder, so dumps read top to bottom in execution order.
 *
 * Scopes exist for one reason: variables with a cleanup attribute. Each
 * compound (and for) statement opens a Scope; leaving it by any edge emits
 * the cleanup calls of the scopes left, innermost first and in reverse
 * declaration order. A goto back to a label already lowered leaves what was
 * declared since the label (each label records the scopes open at it); a
 * goto forward leaves the scopes the label is not in, found by a pre-pass
 * that only runs when a function mixes goto and cleanups.
 */
#include "frontend_int.h"

#include <string.h>

/* ---- Cursors ------------------------------------------------------------- */

typedef struct KidBuf {
  CXCursor *out;
  int max, n;
} KidBuf;

static enum CXChildVisitResult kid_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  KidBuf *k = data;
  if (k->n < k->max) k->out[k->n] = c;
  k->n++;
  return CXChildVisit_Continue;
}

int kids(CXCursor c, CXCursor *out, int max) {
  KidBuf k = {out, max, 0};
  clang_visitChildren(c, kid_visitor, &k);
  return k.n;
}

static unsigned cursor_hash(const CXCursor *c) {
  return clang_hashCursor(*c);
}

static bool cursor_eq(const void *a, const void *b) {
  return clang_equalCursors(*(const CXCursor *)a, *(const CXCursor *)b);
}

/* The closing brace of a compound statement (its extent ends just past it). */
static Loc end_loc(Fe *fe, CXCursor c) {
  Loc l = fe_loc(fe, clang_getRangeEnd(clang_getCursorExtent(c)));
  if (l.col > 1) l.col--;
  return l;
}

/* ---- Blocks -------------------------------------------------------------- */

BB *bb_new(Lower *L) {
  return cfg_bb_new(&L->scratch, &L->blocks);
}

BB *bb_cur(Lower *L) {
  if (!L->cur) L->cur = bb_new(L);
  return L->cur;
}

void emit(Lower *L, Stmt *s) {
  vec_push(&L->scratch, &bb_cur(L)->stmts, s);
}

static Term *term_begin(Lower *L, TermKind kind, Loc loc, int nsucc) {
  return cfg_term(&L->scratch, &L->cur, kind, loc, nsucc);
}

void set_jump(Lower *L, BB *to, const char *kind, Loc loc) {
  cfg_jump(&L->scratch, &L->cur, to, kind, loc);
}

void set_branch(Lower *L, CmpOp op, Expr *lhs, Expr *rhs, BB *tb, BB *fb, Loc loc) {
  cfg_branch(&L->scratch, &L->cur, op, lhs, rhs, tb, fb, loc);
}

void set_noreturn(Lower *L, const char *callee, Loc loc) {
  cfg_noreturn(&L->scratch, &L->cur, callee, loc);
}

static void jump_to(Lower *L, BB *b) {
  if (L->cur) set_jump(L, b, NULL, L->here);
}

void enter(Lower *L, BB *b) {
  jump_to(L, b);
  L->cur = b;
}

/* ---- Variables ----------------------------------------------------------- */

Var *var_new(Lower *L, const char *name, VarKind kind, CXType type, Loc loc) {
  Var *v = ARENA_NEW(L->a, Var);
  v->id = L->vars.len;
  v->name = name;
  v->kind = kind;
  v->type = fe_type_class(type);
  v->is_unsigned = fe_type_unsigned(type);
  v->type_name = fe_str(L->fe, clang_getTypeSpelling(type));
  v->loc = loc;
  vec_push(&L->scratch, &L->vars, v);
  return v;
}

Var *var_temp(Lower *L, CXType type, const char *origin, Loc loc) {
  Var *v = var_new(L, arena_printf(L->a, "t%d", ++L->ntemps), VAR_TEMP, type, loc);
  v->origin_call = origin;
  return v;
}

void var_bind(Lower *L, CXCursor decl, Var *v) {
  CXCursor *key = ARENA_NEW(&L->scratch, CXCursor);
  *key = clang_getCanonicalCursor(decl);
  map_put(&L->scratch, &L->varmap, cursor_hash(key), key, v, cursor_eq);
  if (v->type == TY_POINTER && v->kind != VAR_PARAM) v->fn_targets = fnptr_of_decl(L->fe, decl);
  if (L->fe->nerr) map_put(&L->scratch, &L->names, str_hash(v->name), v->name, v, str_eq);
}

Var *var_of_decl(Lower *L, CXCursor decl) {
  CXCursor key = clang_getCanonicalCursor(decl);
  Var *v = map_get(&L->varmap, cursor_hash(&key), &key, cursor_eq);
  if (v) return v;
  /* Not declared in the body: a file-scope or extern variable. */
  v = var_new(L, fe_str(L->fe, clang_getCursorSpelling(decl)), VAR_GLOBAL,
              clang_getCursorType(decl), fe_cursor_loc(L->fe, decl));
  var_bind(L, decl, v);
  return v;
}

Path *path_var(Lower *L, Var *v) {
  Path *p = ARENA_NEW(L->a, Path);
  p->kind = PATH_VAR;
  p->var = v;
  return p;
}

/* ---- Scopes and cleanups ------------------------------------------------- */

void scope_push(Lower *L, CXCursor owner) {
  Scope *s = ARENA_NEW(&L->scratch, Scope);
  s->up = L->scope;
  s->owner = owner;
  L->scope = s;
}

/* Emits the cleanups of the variables of `s` declared from index `from` on,
   last declared first. */
static void emit_cleanups_from(Lower *L, Scope *s, int from, Loc loc) {
  if (!L->cur) return;
  for (int i = s->cleanups.len - 1; i >= from; i--) {
    Var *v = s->cleanups.data[i];
    Stmt *st = ARENA_NEW(L->a, Stmt);
    st->kind = STMT_CALL;
    st->loc = loc;
    st->callee = v->cleanup;
    st->nargs = 1;
    st->args = ARENA_ARRAY(L->a, Expr *, 1);
    st->args[0] = expr_new(L, EXPR_ADDR, loc);
    st->args[0]->path = path_var(L, v);
    st->text = arena_printf(L->a, "%s(&%s)", v->cleanup, v->name);
    st->is_cleanup = true;
    emit(L, st);
  }
}

static void emit_cleanups(Lower *L, Scope *s, Loc loc) {
  emit_cleanups_from(L, s, 0, loc);
}

void scope_pop(Lower *L, Loc loc) {
  emit_cleanups(L, L->scope, loc);
  L->scope = L->scope->up;
}

/* Emits the cleanups of every scope from the current one out to `until`
   (exclusive; NULL: all of them). */
static void leave_scopes(Lower *L, Scope *until, Loc loc) {
  for (Scope *s = L->scope; s && s != until; s = s->up)
    emit_cleanups(L, s, loc);
}

static bool have_cleanups(Lower *L) {
  for (Scope *s = L->scope; s; s = s->up)
    if (s->cleanups.len) return true;
  return false;
}

/* ---- Declarations -------------------------------------------------------- */

static void declare(Lower *L, CXCursor vd) {
  enum CX_StorageClass sc = clang_Cursor_getStorageClass(vd);
  VarKind kind = sc == CX_SC_Static ? VAR_STATIC : sc == CX_SC_Extern ? VAR_GLOBAL : VAR_LOCAL;
  if (kind == VAR_GLOBAL) {
    var_of_decl(L, vd);
    return;
  }
  Var *v = var_new(L, fe_str(L->fe, clang_getCursorSpelling(vd)), kind, clang_getCursorType(vd),
                   fe_cursor_loc(L->fe, vd));
  var_bind(L, vd, v);
  if (kind == VAR_STATIC) return; /* initialized once, before the program runs */
  v->cleanup = attrs_cleanup(L->fe, vd);
  CXCursor init = clang_Cursor_getVarDeclInitializer(vd);
  if (!clang_Cursor_isNull(init))
    lower_init(L, path_var(L, v), vd, init);
  else if (L->fe->nerr)
    recover_init(L, vd, path_var(L, v));
  else
    v->no_init = v->type == TY_ARRAY;
  if (v->cleanup) {
    fe_decl_named(L->fe, v->cleanup);
    vec_push(&L->scratch, &L->scope->cleanups, v);
  }
}

static enum CXChildVisitResult decl_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  if (clang_getCursorKind(c) == CXCursor_VarDecl) declare(data, c);
  return CXChildVisit_Continue;
}

void lower_decl_stmt(Lower *L, CXCursor s) {
  clang_visitChildren(s, decl_visitor, L);
}

/* ---- Labels -------------------------------------------------------------- */

static LabelInfo *label(Lower *L, const char *name) {
  unsigned h = str_hash(name);
  LabelInfo *li = map_get(&L->labels, h, name, str_eq);
  if (!li) {
    li = ARENA_NEW(&L->scratch, LabelInfo);
    li->bb = bb_new(L);
    li->bb->b.label = arena_strdup(L->a, name);
    map_put(&L->scratch, &L->labels, h, li->bb->b.label, li, str_eq);
    vec_push(&L->scratch, &L->label_list, li);
  }
  return li;
}

typedef struct LabelScan {
  Lower *L;
  Vec owners; /* CXCursor * of the enclosing compound/for statements */
} LabelScan;

static enum CXChildVisitResult label_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  LabelScan *ls = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_LabelStmt) {
    LabelInfo *li = label(ls->L, fe_str(ls->L->fe, clang_getCursorSpelling(c)));
    li->nowners = ls->owners.len;
    li->owners = ARENA_ARRAY(&ls->L->scratch, CXCursor, li->nowners);
    for (int i = 0; i < li->nowners; i++)
      li->owners[i] = *(CXCursor *)ls->owners.data[ls->owners.len - 1 - i];
  }
  if (k == CXCursor_CompoundStmt || k == CXCursor_ForStmt) {
    CXCursor *o = ARENA_NEW(&ls->L->scratch, CXCursor);
    *o = c;
    vec_push(&ls->L->scratch, &ls->owners, o);
    clang_visitChildren(c, label_visitor, ls);
    ls->owners.len--;
    return CXChildVisit_Continue;
  }
  return CXChildVisit_Recurse;
}

static void scan_labels(Lower *L, CXCursor body) {
  if (L->labels_scanned) return;
  L->labels_scanned = true;
  LabelScan ls = {L, {0}};
  label_visitor(body, body, &ls);
}

static bool owns(const LabelInfo *li, CXCursor owner) {
  for (int i = 0; i < li->nowners; i++)
    if (clang_equalCursors(li->owners[i], owner)) return true;
  return false;
}

/* ---- Statements ---------------------------------------------------------- */

static long eval_case(CXCursor e, bool *ok) {
  CXEvalResult r = clang_Cursor_Evaluate(e);
  long v = 0;
  *ok = r && clang_EvalResult_getKind(r) == CXEval_Int;
  if (*ok) v = (long)clang_EvalResult_getAsLongLong(r);
  if (r) clang_EvalResult_dispose(r);
  return v;
}

static BB *case_block(Lower *L) {
  SwitchCtx *sw = L->sw;
  if (sw->fresh && L->cur == sw->fresh && sw->fresh->stmts.len == 0)
    return sw->fresh; /* `case 1: case 2:` share one block */
  BB *b = bb_new(L);
  enter(L, b);
  sw->fresh = b;
  return b;
}

static void lower_case(Lower *L, CXCursor c) {
  CXCursor k[3];
  int n = kids(c, k, 3);
  if (n == 0) return;
  CXCursor sub = n >= 3 ? k[2] : k[n - 1];
  if (!L->sw || n < 2) {
    lower_stmt(L, sub);
    return;
  }
  bool ok1, ok2 = true;
  long lo = eval_case(k[0], &ok1), hi = n >= 3 ? eval_case(k[1], &ok2) : lo;
  BB *b = case_block(L);
  if (ok1 && ok2) {
    SwitchCase *sc = ARENA_NEW(&L->scratch, SwitchCase);
    sc->lo = lo;
    sc->hi = hi;
    vec_push(&L->scratch, &L->sw->cases, sc);
    vec_push(&L->scratch, &L->sw->blocks, b);
  }
  lower_stmt(L, sub);
}

static void lower_switch(Lower *L, CXCursor c) {
  CXCursor k[2];
  if (kids(c, k, 2) < 2) return;
  Loc loc = L->here;
  Expr *value = lower_expr(L, k[0]);
  BB *head = bb_cur(L);
  BB *exit = bb_new(L);
  SwitchCtx ctx = {0}, *saved_sw = L->sw;
  JumpTarget saved_brk = L->brk;
  L->sw = &ctx;
  L->brk = (JumpTarget){exit, L->scope};
  L->cur = NULL; /* the body is entered only through its labels */
  lower_stmt(L, k[1]);
  jump_to(L, exit);
  L->sw = saved_sw;
  L->brk = saved_brk;

  Term *t = &head->b.term;
  memset(t, 0, sizeof *t);
  t->kind = TERM_SWITCH;
  t->loc = loc;
  t->value = value;
  t->ncases = ctx.cases.len;
  t->cases = ARENA_ARRAY(&L->scratch, SwitchCase, t->ncases);
  t->nsucc = t->ncases + 1;
  t->succ = ARENA_ARRAY(&L->scratch, Block *, t->nsucc);
  for (int i = 0; i < t->ncases; i++) {
    t->cases[i] = *(SwitchCase *)ctx.cases.data[i];
    t->succ[i] = &((BB *)ctx.blocks.data[i])->b;
  }
  t->succ[t->ncases] = ctx.dflt ? &ctx.dflt->b : &exit->b;
  L->cur = exit;
}

static void lower_if(Lower *L, CXCursor c) {
  CXCursor k[3];
  int n = kids(c, k, 3);
  if (n < 2) return;
  BB *tb = bb_new(L), *fb = n >= 3 ? bb_new(L) : NULL, *join = bb_new(L);
  lower_cond(L, k[0], tb, fb ? fb : join);
  L->cur = tb;
  lower_stmt(L, k[1]);
  jump_to(L, join);
  if (fb) {
    L->cur = fb;
    lower_stmt(L, k[2]);
    jump_to(L, join);
  }
  L->cur = join;
}

static void loop_body(Lower *L, CXCursor body, BB *brk, BB *cont) {
  JumpTarget saved_brk = L->brk, saved_cont = L->cont;
  L->brk = (JumpTarget){brk, L->scope};
  L->cont = (JumpTarget){cont, L->scope};
  lower_stmt(L, body);
  L->brk = saved_brk;
  L->cont = saved_cont;
}

static void lower_while(Lower *L, CXCursor c) {
  CXCursor k[2];
  if (kids(c, k, 2) < 2) return;
  BB *head = bb_new(L), *body = bb_new(L), *exit = bb_new(L);
  enter(L, head);
  lower_cond(L, k[0], body, exit);
  L->cur = body;
  loop_body(L, k[1], exit, head);
  jump_to(L, head);
  L->cur = exit;
}

static void lower_do(Lower *L, CXCursor c) {
  CXCursor k[2];
  if (kids(c, k, 2) < 2) return;
  BB *body = bb_new(L), *cond = bb_new(L), *exit = bb_new(L);
  enter(L, body);
  loop_body(L, k[0], exit, cond);
  enter(L, cond);
  lower_cond(L, k[1], body, exit);
  L->cur = exit;
}

/* libclang skips the missing parts of `for (init; cond; inc)`, so which
   child is which is read from the positions of the header's semicolons. */
typedef struct ForParts {
  CXCursor init, cond, inc, body;
} ForParts;

static bool offset_in(Fe *fe, CXCursor c, const char *text, size_t *off) {
  size_t size;
  const char *t = fe_spelling_text(fe, clang_getCursorLocation(c), &size, off);
  return t == text;
}

static ForParts for_parts(Lower *L, CXCursor c) {
  CXCursor k[4];
  int n = kids(c, k, 4);
  ForParts p = {clang_getNullCursor(), clang_getNullCursor(), clang_getNullCursor(),
                clang_getNullCursor()};
  if (n == 0) return p;
  if (n > 4) n = 4;
  p.body = k[n - 1];
  int m = n - 1;
  if (m == 3) {
    p.init = k[0], p.cond = k[1], p.inc = k[2];
    return p;
  }
  if (m == 0) return p;
  /* Find `( ... ; ... ; ... )` from the `for` keyword's spelling. */
  size_t size, off, semi[2] = {0, 0}, close = 0;
  const char *text = fe_spelling_text(L->fe, clang_getCursorLocation(c), &size, &off);
  bool found = false;
  if (text) {
    size_t i = off + 3;
    Tok t;
    if (ctok_next(text, size, &i, &t, false) && ctok_is(t, "(")) {
      int depth = 0, nsemi = 0;
      while (ctok_next(text, size, &i, &t, false)) {
        if (ctok_is(t, "(") || ctok_is(t, "[") || ctok_is(t, "{")) {
          depth++;
        } else if (ctok_is(t, ")") || ctok_is(t, "]") || ctok_is(t, "}")) {
          if (depth-- == 0) {
            close = (size_t)(t.p - text);
            break;
          }
        } else if (ctok_is(t, ";") && depth == 0 && nsemi < 2) {
          semi[nsemi++] = (size_t)(t.p - text);
        }
      }
      found = nsemi == 2 && close > semi[1];
    }
  }
  if (found) {
    bool placed = true;
    CXCursor *slot[3] = {&p.init, &p.cond, &p.inc};
    for (int i = 0; i < m && placed; i++) {
      size_t o;
      placed = offset_in(L->fe, k[i], text, &o) && o > off && o < close;
      if (placed) *slot[o < semi[0] ? 0 : o < semi[1] ? 1 : 2] = k[i];
    }
    if (placed) return p;
    p.init = p.cond = p.inc = clang_getNullCursor();
  }
  /* The parts come from macro arguments we cannot place: guess from their
     shape. A declaration or assignment first is the init. */
  enum CXCursorKind k0 = clang_getCursorKind(k[0]);
  bool first_init = k0 == CXCursor_DeclStmt ||
                    (k0 == CXCursor_BinaryOperator &&
                     clang_getCursorBinaryOperatorKind(k[0]) == CXBinaryOperator_Assign);
  if (m == 1) {
    *(first_init ? &p.init : &p.cond) = k[0];
  } else if (first_init) {
    p.init = k[0], p.cond = k[1];
  } else {
    p.cond = k[0], p.inc = k[1];
  }
  return p;
}

static void lower_for(Lower *L, CXCursor c) {
  ForParts p = for_parts(L, c);
  if (clang_Cursor_isNull(p.body)) return;
  scope_push(L, c);
  if (!clang_Cursor_isNull(p.init)) {
    if (clang_getCursorKind(p.init) == CXCursor_DeclStmt)
      lower_decl_stmt(L, p.init);
    else
      lower_discard(L, p.init);
  }
  BB *head = bb_new(L), *body = bb_new(L), *inc = bb_new(L), *exit = bb_new(L);
  enter(L, head);
  if (!clang_Cursor_isNull(p.cond))
    lower_cond(L, p.cond, body, exit);
  else
    jump_to(L, body);
  L->cur = body;
  loop_body(L, p.body, exit, inc);
  enter(L, inc);
  if (!clang_Cursor_isNull(p.inc)) lower_discard(L, p.inc);
  jump_to(L, head);
  L->cur = exit;
  scope_pop(L, L->here);
}

static void lower_return(Lower *L, CXCursor c) {
  Loc loc = L->here;
  CXCursor k[1];
  Expr *v = NULL;
  if (kids(c, k, 1) == 1) {
    if (clang_getCanonicalType(clang_getCursorType(k[0])).kind == CXType_Void) {
      lower_discard(L, k[0]);
    } else {
      v = lower_expr(L, k[0]);
      /* Cleanups run after the value is computed: keep it in a temporary
         when it reads a variable a cleanup may change. */
      bool reads = v->kind == EXPR_PATH ? v->path->var->kind != VAR_TEMP
                                        : v->kind == EXPR_OP || v->kind == EXPR_CMP;
      if (reads && have_cleanups(L)) {
        Var *t = var_temp(L, clang_getCursorType(k[0]), NULL, loc);
        Stmt *s = ARENA_NEW(L->a, Stmt);
        s->kind = STMT_ASSIGN;
        s->loc = loc;
        s->lhs = path_var(L, t);
        s->rhs = v;
        emit(L, s);
        v = expr_new(L, EXPR_PATH, loc);
        v->path = path_var(L, t);
      }
    }
  }
  leave_scopes(L, NULL, loc);
  Term *t = term_begin(L, TERM_RETURN, loc, 0);
  if (t) t->value = v;
}

static void lower_goto(Lower *L, CXCursor c, CXCursor body) {
  CXCursor k[1];
  if (kids(c, k, 1) < 1) return;
  const char *name = fe_str(L->fe, clang_getCursorSpelling(k[0]));
  LabelInfo *li = label(L, name);
  if (have_cleanups(L) && li->nsnap > 0) {
    /* Backward: every variable declared since the label goes out of scope,
       in the scopes the label shares with the goto too. */
    for (Scope *s = L->scope; s; s = s->up) {
      int from = 0;
      for (int i = 0; i < li->nsnap; i++)
        if (li->snap_scopes[i] == s) from = li->snap_len[i];
      emit_cleanups_from(L, s, from, L->here);
    }
  } else if (have_cleanups(L)) {
    /* Forward: C forbids jumping into the scope of a cleanup variable, so
       only the scopes the label is not in are left. */
    scan_labels(L, body);
    for (Scope *s = L->scope; s && !owns(li, s->owner); s = s->up)
      emit_cleanups(L, s, L->here);
  }
  set_jump(L, label(L, name)->bb, arena_printf(L->a, "goto %s", name), L->here);
}

static void lower_jump(Lower *L, JumpTarget to, const char *kind) {
  if (!to.bb) return; /* break outside a loop: a parse error clang reported */
  leave_scopes(L, to.scope, L->here);
  set_jump(L, to.bb, kind, L->here);
}

static void lower_stmt_kind(Lower *L, CXCursor c);

static enum CXChildVisitResult stmt_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  lower_stmt(data, c);
  return CXChildVisit_Continue;
}

static enum CXChildVisitResult unexposed_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  enum CXCursorKind k = clang_getCursorKind(c);
  if (clang_isStatement(k) || clang_isExpression(k)) lower_stmt(data, c);
  return CXChildVisit_Continue;
}

bool lower_enter(Lower *L) {
  if (L->depth >= LOWER_MAX_DEPTH) {
    L->too_deep = true;
    return false;
  }
  L->depth++;
  return true;
}

void lower_stmt(Lower *L, CXCursor c) {
  if (!lower_enter(L)) return;
  /* A statement inside a statement expression delivers its own values. */
  CXCursor anchor = L->anchor;
  L->anchor = clang_getNullCursor();
  lower_stmt_kind(L, c);
  L->anchor = anchor;
  lower_leave(L);
}

static void lower_stmt_kind(Lower *L, CXCursor c) {
  enum CXCursorKind kind = clang_getCursorKind(c);
  L->here = fe_cursor_loc(L->fe, c);
  switch (kind) {
  case CXCursor_CompoundStmt:
    scope_push(L, c);
    if (recovery_wanted(L, c))
      lower_compound_recovering(L, c);
    else
      clang_visitChildren(c, stmt_visitor, L);
    scope_pop(L, end_loc(L->fe, c));
    L->here = end_loc(L->fe, c);
    break;
  case CXCursor_DeclStmt: lower_decl_stmt(L, c); break;
  case CXCursor_IfStmt: lower_if(L, c); break;
  case CXCursor_WhileStmt: lower_while(L, c); break;
  case CXCursor_DoStmt: lower_do(L, c); break;
  case CXCursor_ForStmt: lower_for(L, c); break;
  case CXCursor_SwitchStmt: lower_switch(L, c); break;
  case CXCursor_CaseStmt: lower_case(L, c); break;
  case CXCursor_DefaultStmt: {
    CXCursor k[1];
    if (kids(c, k, 1) < 1) break;
    if (L->sw) L->sw->dflt = case_block(L);
    lower_stmt(L, k[0]);
    break;
  }
  case CXCursor_BreakStmt: lower_jump(L, L->brk, "break"); break;
  case CXCursor_ContinueStmt: lower_jump(L, L->cont, "continue"); break;
  case CXCursor_ReturnStmt: lower_return(L, c); break;
  case CXCursor_GotoStmt: lower_goto(L, c, L->body); break;
  case CXCursor_IndirectGotoStmt: {
    CXCursor k[1];
    if (kids(c, k, 1) == 1) lower_discard(L, k[0]);
    if (L->cur) {
      /* Successors (every label) are filled in when the function is done. */
      vec_push(&L->scratch, &L->indirect_gotos, L->cur);
      term_begin(L, TERM_JUMP, L->here, 0)->jump_kind = "goto *";
    }
    break;
  }
  case CXCursor_LabelStmt: {
    LabelInfo *li = label(L, fe_str(L->fe, clang_getCursorSpelling(c)));
    enter(L, li->bb);
    /* What is in scope here, for gotos that come back. */
    for (Scope *s = L->scope; s; s = s->up)
      li->nsnap++;
    li->snap_scopes = ARENA_ARRAY(&L->scratch, Scope *, li->nsnap);
    li->snap_len = ARENA_ARRAY(&L->scratch, int, li->nsnap);
    li->nsnap = 0;
    for (Scope *s = L->scope; s; s = s->up) {
      li->snap_scopes[li->nsnap] = s;
      li->snap_len[li->nsnap++] = s->cleanups.len;
    }
    CXCursor k[1];
    if (kids(c, k, 1) == 1) lower_stmt(L, k[0]);
    break;
  }
  case CXCursor_NullStmt:
  case CXCursor_GCCAsmStmt:
  case CXCursor_MSAsmStmt: break;
  case CXCursor_UnexposedStmt: clang_visitChildren(c, unexposed_visitor, L); break;
  default:
    if (clang_isExpression(kind)) lower_discard(L, c);
    break;
  }
}
