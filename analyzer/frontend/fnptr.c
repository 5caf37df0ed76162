/*
 * fnptr.c - which functions each function-pointer variable may hold.
 *
 * Before its functions are lowered, a unit is scanned once for every store
 * into a function-pointer variable (local, static or file-scope): its
 * initializer and each `fp = ...`. A store of a function designator
 * (`close_conn`, `&close_conn`, `(hook_fn)free`, either side of `?:`) adds
 * a target, a NULL store adds none, and anything else (a parameter, another
 * variable, a call's result) or taking the variable's address makes its
 * targets unknown. The engine then treats a call through a variable whose
 * targets are all known as a call to each of them.
 *
 * The result is one FnTargets per variable, in Unit.fnptrs; lowering links
 * each such Var to it. Variables with external linkage are merged across
 * units in whole-program runs (unit_merge_fnptrs).
 */
#include "frontend_int.h"

#include <string.h>

static unsigned cursor_hash(const CXCursor *c) {
  return clang_hashCursor(*c);
}

static bool cursor_eq(const void *a, const void *b) {
  return clang_equalCursors(*(const CXCursor *)a, *(const CXCursor *)b);
}

static bool is_fnptr_type(CXType t) {
  t = clang_getCanonicalType(t);
  if (t.kind != CXType_Pointer) return false;
  CXType p = clang_getCanonicalType(clang_getPointeeType(t));
  return p.kind == CXType_FunctionProto || p.kind == CXType_FunctionNoProto;
}

/* The entry of a variable declaration, created on first sight; NULL when
   decl is not a function-pointer variable. */
static FnTargets *entry(Fe *fe, CXCursor decl) {
  if (clang_getCursorKind(decl) != CXCursor_VarDecl || !is_fnptr_type(clang_getCursorType(decl)))
    return NULL;
  CXCursor key = clang_getCanonicalCursor(decl);
  FnTargets *t = map_get(&fe->fnptrs, cursor_hash(&key), &key, cursor_eq);
  if (t) return t;
  t = ARENA_NEW(fe->a, FnTargets);
  t->name = fe_str(fe, clang_getCursorSpelling(decl));
  t->is_extern = clang_getCursorLinkage(decl) == CXLinkage_External;
  CXCursor *k = ARENA_NEW(fe->a, CXCursor);
  *k = key;
  map_put(fe->a, &fe->fnptrs, cursor_hash(k), k, t, cursor_eq);
  vec_push(fe->a, &fe->fnptrv, t);
  return t;
}

/* What storing e into t's variable adds. */
static void store(Fe *fe, FnTargets *t, CXCursor e) {
  e = strip(e);
  CXCursor k[3];
  switch (clang_getCursorKind(e)) {
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(e);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl)
      fn_targets_add(fe->a, t, fe_decl(fe, ref)->name);
    else
      t->unknown = true;
    return;
  }
  case CXCursor_UnaryOperator:
    if (clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_AddrOf && kids(e, k, 1) == 1) {
      store(fe, t, k[0]);
      return;
    }
    break;
  case CXCursor_ConditionalOperator:
    if (kids(e, k, 3) == 3) {
      store(fe, t, k[1]);
      store(fe, t, k[2]);
      return;
    }
    break;
  case CXCursor_IntegerLiteral:
  case CXCursor_GNUNullExpr: return; /* NULL: calling it is not a call */
  default: break;
  }
  t->unknown = true;
}

static FnTargets *entry_of_ref(Fe *fe, CXCursor e) {
  e = strip(e);
  if (clang_getCursorKind(e) != CXCursor_DeclRefExpr) return NULL;
  return entry(fe, clang_getCursorReferenced(e));
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data) {
  Fe *fe = data;
  CXCursor k[2];
  FnTargets *t;
  switch (clang_getCursorKind(c)) {
  case CXCursor_VarDecl:
    if ((t = entry(fe, c))) {
      CXCursor init = clang_Cursor_getVarDeclInitializer(c);
      if (!clang_Cursor_isNull(init)) store(fe, t, init);
    }
    break;
  case CXCursor_DeclRefExpr: entry(fe, clang_getCursorReferenced(c)); break;
  case CXCursor_BinaryOperator:
    if (clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign && kids(c, k, 2) == 2 &&
        (t = entry_of_ref(fe, k[0])))
      store(fe, t, k[1]);
    break;
  case CXCursor_UnaryOperator:
    if (clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_AddrOf && kids(c, k, 1) == 1 &&
        (t = entry_of_ref(fe, k[0])))
      t->unknown = true; /* stored through a pointer we do not follow */
    break;
  default: break;
  }
  return CXChildVisit_Recurse;
}

static enum CXChildVisitResult top(CXCursor c, CXCursor parent, CXClientData data) {
  if (clang_Location_isFromMainFile(clang_getCursorLocation(c))) {
    visit(c, parent, data);
    clang_visitChildren(c, visit, data);
  }
  return CXChildVisit_Continue;
}

void fnptr_scan(Fe *fe) {
  clang_visitChildren(clang_getTranslationUnitCursor(fe->tu), top, fe);
  fe->u->fnptrs = (FnTargets **)fe->fnptrv.data;
  fe->u->nfnptrs = fe->fnptrv.len;
}

FnTargets *fnptr_of_decl(Fe *fe, CXCursor decl) {
  CXCursor key = clang_getCanonicalCursor(decl);
  return map_get(&fe->fnptrs, cursor_hash(&key), &key, cursor_eq);
}
