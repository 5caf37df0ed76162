/*
 * lower_func.c - one function definition from start to finish: its
 * parameters, its body through lower.c, then cfg_finish (cfgbuild.h) turns
 * the blocks under construction into the Func the engine reads.
 */
#include "frontend_int.h"

#include <string.h>

static CXCursor find_body(CXCursor def) {
  CXCursor k[64];
  int n = kids(def, k, 64);
  for (int i = (n < 64 ? n : 64) - 1; i >= 0; i--)
    if (clang_getCursorKind(k[i]) == CXCursor_CompoundStmt) return k[i];
  return clang_getNullCursor();
}

Func *lower_function(Fe *fe, CXCursor def) {
  CXCursor body = find_body(def);
  if (clang_Cursor_isNull(body)) return NULL;
  Lower L = {.fe = fe, .a = fe->a, .body = body, .anchor = clang_getNullCursor()};
  arena_init(&L.scratch);
  Func *f = ARENA_NEW(fe->a, Func);
  f->unit = fe->u;
  f->name = fe_str(fe, clang_getCursorSpelling(def));
  f->loc = fe_cursor_loc(fe, def);
  f->is_static = clang_Cursor_getStorageClass(def) == CX_SC_Static;
  f->noreturn = fe_decl(fe, def)->noreturn;
  f->ret_type = fe_type_class(clang_getResultType(clang_getCursorType(def)));
  {
    Loc e = fe_loc(fe, clang_getRangeEnd(clang_getCursorExtent(body)));
    if (e.col > 1) e.col--;
    f->end = e;
  }

  int np = clang_Cursor_getNumArguments(def);
  for (int i = 0; i < np; i++) {
    CXCursor p = clang_Cursor_getArgument(def, (unsigned)i);
    const char *name = fe_str(fe, clang_getCursorSpelling(p));
    if (!name[0]) name = arena_printf(fe->a, "arg%d", i);
    Var *v = var_new(&L, name, VAR_PARAM, clang_getCursorType(p), fe_cursor_loc(fe, p));
    /* `int fds[2]` as a parameter is a pointer to the caller's array. */
    if (v->type == TY_ARRAY) v->type = TY_POINTER;
    var_bind(&L, p, v);
  }
  f->nparams = np > 0 ? np : 0;

  L.cur = bb_new(&L);
  lower_stmt(&L, body);
  if (L.cur) {
    /* Falling off the end: an implicit return at the closing brace. */
    Term *t = &L.cur->b.term;
    memset(t, 0, sizeof *t);
    t->kind = TERM_RETURN;
    t->loc = f->end;
    L.cur = NULL;
  }
  for (int i = 0; i < L.indirect_gotos.len; i++) {
    Term *t = &((BB *)L.indirect_gotos.data[i])->b.term;
    t->nsucc = L.label_list.len;
    t->succ = ARENA_ARRAY(&L.scratch, Block *, t->nsucc);
    for (int j = 0; j < t->nsucc; j++)
      t->succ[j] = &((LabelInfo *)L.label_list.data[j])->bb->b;
  }
  cfg_finish(f, (BB **)L.blocks.data, L.blocks.len, (Var **)L.vars.data, L.vars.len, L.a,
             &L.scratch);
  arena_free(&L.scratch);
  return f;
}
