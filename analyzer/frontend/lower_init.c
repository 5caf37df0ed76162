/*
 * lower_init.c - initializer lists and compound literals as assignments.
 *
 * `struct conn c = {.fd = fd, 0}` becomes `c.fd = fd; c.buf = 0`: designated
 * members by name, positional ones through the record's field list (clang's
 * type, in declaration order), array elements by index, nested lists
 * recursively. Members left out are not assigned: the engine only follows
 * what the program stores.
 */
#include "frontend_int.h"

#include <string.h>

typedef struct Fields {
  Lower *L;
  Vec names; /* const char * */
} Fields;

static enum CXVisitorResult field_visitor(CXCursor c, CXClientData data) {
  Fields *f = data;
  vec_push(&f->L->scratch, &f->names, (void *)fe_str(f->L->fe, clang_getCursorSpelling(c)));
  return CXVisit_Continue;
}

static void init_one(Lower *L, Path *p, CXCursor value) {
  if (clang_getCursorKind(value) == CXCursor_InitListExpr)
    lower_init_list(L, p, value);
  else
    lower_as(L, value, WANT_INTO, p);
}

static int field_index(const Fields *f, const char *name) {
  for (int i = 0; i < f->names.len; i++)
    if (strcmp(f->names.data[i], name) == 0) return i;
  return -1;
}

void lower_init_list(Lower *L, Path *dst, CXCursor list) {
  CXType t = clang_getCanonicalType(clang_getCursorType(list));
  bool record = t.kind == CXType_Record;
  bool array = t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
               t.kind == CXType_VariableArray;
  Fields fields = {L, {0}};
  if (record) clang_Type_visitFields(t, field_visitor, &fields);
  int nkids;
  CXCursor *kid = kids_all(L, list, &nkids);
  long pos = 0;
  for (int i = 0; i < nkids; i++) {
    CXCursor c = kid[i];
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
          Expr *ix = lower_as(L, d[j], WANT_VALUE, NULL);
          if (j == 0 && array && expr_is_const(ix)) pos = ix->value + 1;
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
        lower_as(L, c, WANT_NONE, NULL);
      pos++;
    } else if (array) {
      init_one(L, path_index(L, dst, expr_const(L, pos, loc_of(L, c))), c);
      pos++;
    } else {
      init_one(L, dst, c); /* a scalar in braces */
    }
  }
}

void lower_init(Lower *L, Path *dst, CXCursor decl, CXCursor init) {
  CXCursor saved = L->anchor;
  L->anchor = decl;
  init_one(L, dst, init);
  L->anchor = saved;
}

Expr *lower_compound_literal(Lower *L, CXCursor e, Want w, Path *dst) {
  CXCursor list = last_expr_kid(e);
  if (w != WANT_INTO) {
    dst = path_var(L, var_temp_for(L, e, NULL));
  }
  if (!clang_Cursor_isNull(list)) init_one(L, dst, list);
  return expr_path(L, dst, loc_of(L, e));
}
