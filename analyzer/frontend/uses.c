/*
 * uses.c - how a unit uses its file-scope variables and its functions.
 *
 * Two facts the engine cannot see from one function body. Which
 * file-scope variables are ever written (assigned, incremented, or their
 * address taken, since every write through a pointer starts with `&`),
 * and which integer ones a unit defines with a constant initializer: with
 * both, ir_fix_globals decides which reads are constants. And for each
 * function, its direct calls and its other references (a callback, a
 * table entry): a function referenced only by calls has all its callers in
 * sight, so the facts its callers establish may seed its parameters.
 *
 * The whole translation unit is walked, headers included (an inline
 * function in a header may write a global too), once, after lowering.
 */
#include "frontend_int.h"

#include <string.h>

typedef struct Uses {
  Fe *fe;
  Vec globals; /* GlobalVar * */
  Vec written; /* const char * */
  Map seen;    /* names already in `written` */
} Uses;

static bool is_global_var(CXCursor d) {
  if (clang_getCursorKind(d) != CXCursor_VarDecl) return false;
  if (clang_Cursor_getStorageClass(d) == CX_SC_Extern) return true;
  return clang_getCursorKind(clang_getCursorSemanticParent(d)) == CXCursor_TranslationUnit;
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  *(CXCursor *)data = c;
  return CXChildVisit_Break;
}

/* The variable an lvalue expression names directly (`g`, `(g)`), if any. */
static bool named_var(CXCursor e, CXCursor *out) {
  for (int depth = 0; depth < 8; depth++) {
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k == CXCursor_DeclRefExpr) {
      *out = clang_getCursorReferenced(e);
      return !clang_Cursor_isNull(*out);
    }
    if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr) return false;
    CXCursor kid = clang_getNullCursor();
    clang_visitChildren(e, first_child, &kid);
    if (clang_Cursor_isNull(kid)) return false;
    e = kid;
  }
  return false;
}

static void note_written(Uses *w, CXCursor op) {
  CXCursor lhs = clang_getNullCursor(), d;
  clang_visitChildren(op, first_child, &lhs);
  if (clang_Cursor_isNull(lhs) || !named_var(lhs, &d) || !is_global_var(d)) return;
  const char *name = fe_str(w->fe, clang_getCursorSpelling(d));
  unsigned h = str_hash(name);
  if (map_get(&w->seen, h, name, str_eq)) return;
  map_put(w->fe->a, &w->seen, h, name, (void *)name, str_eq);
  vec_push(w->fe->a, &w->written, (void *)name);
}

static bool type_is_fixable(CXType t) {
  t = clang_getCanonicalType(t);
  if (clang_isVolatileQualifiedType(t)) return false;
  switch (t.kind) {
  case CXType_Bool:
  case CXType_Char_U:
  case CXType_UChar:
  case CXType_UShort:
  case CXType_UInt:
  case CXType_ULong:
  case CXType_ULongLong:
  case CXType_Char_S:
  case CXType_SChar:
  case CXType_Short:
  case CXType_Int:
  case CXType_Long:
  case CXType_LongLong:
  case CXType_Enum:
  case CXType_Pointer: return true;
  default: return false;
  }
}

/* A file-scope definition of an integer or pointer variable. */
static void note_global(Uses *w, CXCursor c) {
  if (clang_getCursorKind(clang_getCursorSemanticParent(c)) != CXCursor_TranslationUnit ||
      clang_Cursor_getStorageClass(c) == CX_SC_Extern)
    return;
  /* `static int n;` is a tentative definition: the object, zeroed, unless
     a declaration with an initializer follows, which is the one noted. */
  CXCursor def = clang_getCursorDefinition(c);
  if (!clang_Cursor_isNull(def) && !clang_equalCursors(def, c)) return;
  CXType t = clang_getCursorType(c);
  if (!type_is_fixable(t)) return;
  const char *name = fe_str(w->fe, clang_getCursorSpelling(c));
  for (int i = 0; i < w->globals.len; i++)
    if (strcmp(((GlobalVar *)w->globals.data[i])->name, name) == 0) return;
  GlobalVar *g = ARENA_NEW(w->fe->a, GlobalVar);
  g->name = name;
  g->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
  g->is_const = clang_isConstQualifiedType(t);
  CXCursor init = clang_Cursor_getVarDeclInitializer(c);
  if (clang_Cursor_isNull(init)) {
    g->has_value = true; /* static storage starts as zero */
  } else {
    CXEvalResult r = clang_Cursor_Evaluate(init);
    if (r && clang_EvalResult_getKind(r) == CXEval_Int) {
      g->has_value = true;
      g->value = (long)clang_EvalResult_getAsLongLong(r);
    }
    if (r) clang_EvalResult_dispose(r);
  }
  vec_push(w->fe->a, &w->globals, g);
}

/* The FuncDecl of a function the unit defines or uses; NULL for one only
   declared (a header's thousands), which needs none. */
static FuncDecl *known_decl(Uses *w, CXCursor fn) {
  CXString s = clang_getCursorSpelling(fn);
  const char *name = clang_getCString(s);
  FuncDecl *d = map_get(&w->fe->decls, str_hash(name), name, str_eq);
  clang_disposeString(s);
  return d;
}

static void note_function(Uses *w, CXCursor fn) {
  FuncDecl *d = known_decl(w, fn);
  if (!d) return;
  d->is_static = clang_Cursor_getStorageClass(fn) == CX_SC_Static;
  if (clang_getCursorVisibility(fn) == CXVisibility_Hidden) d->hidden = true;
}

static enum CXChildVisitResult uses_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  Uses *w = data;
  switch (clang_getCursorKind(c)) {
  case CXCursor_VarDecl: note_global(w, c); break;
  case CXCursor_FunctionDecl: note_function(w, c); break;
  case CXCursor_VisibilityAttr:
  case CXCursor_DLLExport:
    if (clang_getCursorKind(parent) == CXCursor_FunctionDecl) {
      const char *v = fe_str(w->fe, clang_getCursorSpelling(c));
      FuncDecl *d = known_decl(w, parent);
      if (d && (clang_getCursorKind(c) == CXCursor_DLLExport || !strstr(v, "hidden")))
        d->exported = true;
    }
    break;
  case CXCursor_CallExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
      FuncDecl *d = fe_decl(w->fe, ref);
      d->ncalls++;
      /* Only the main file's functions are lowered: a call elsewhere is
         one whose arguments the analysis never sees. */
      if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) d->called_outside = true;
    }
    break;
  }
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) fe_decl(w->fe, ref)->nrefs++;
    break;
  }
  case CXCursor_UnaryOperator:
    switch (clang_getCursorUnaryOperatorKind(c)) {
    case CXUnaryOperator_AddrOf:
    case CXUnaryOperator_PostInc:
    case CXUnaryOperator_PostDec:
    case CXUnaryOperator_PreInc:
    case CXUnaryOperator_PreDec: note_written(w, c); break;
    default: break;
    }
    break;
  case CXCursor_BinaryOperator:
    if (clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign) note_written(w, c);
    break;
  case CXCursor_CompoundAssignOperator: note_written(w, c); break;
  default: break;
  }
  return CXChildVisit_Recurse;
}

void fe_scan_uses(Fe *fe) {
  Uses w = {.fe = fe};
  clang_visitChildren(clang_getTranslationUnitCursor(fe->tu), uses_visitor, &w);
  Unit *u = fe->u;
  u->globals = (GlobalVar **)w.globals.data;
  u->nglobals = w.globals.len;
  u->written = (const char **)w.written.data;
  u->nwritten = w.written.len;
  u->uses_known = true;
  for (int i = 0; i < fe->declv.len; i++) {
    FuncDecl *d = fe->declv.data[i];
    d->addr_taken = d->nrefs > d->ncalls;
  }
}
