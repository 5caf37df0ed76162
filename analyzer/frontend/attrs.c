/*
 * attrs.c - what declarations say through attributes libclang's C API
 * leaves unexposed: noreturn (C11 _Noreturn, C23 [[noreturn]]), clang's
 * ownership_returns/takes/holds, and cleanup on variables.
 *
 * An attribute cursor's spelling location points at the attribute's name,
 * so the attribute is read from the source text there (a few raw tokens),
 * never by tokenizing whole declarations. When the attribute was written in
 * a macro whose parameter names the function (systemd's _cleanup_(x)), the
 * use site is expanded by macro.c.
 */
#include "frontend_int.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_ATTR_TOKS = 32 };

/* An attribute as written: its name with any __x__ underscores removed, and
   the tokens between its parentheses. */
typedef struct Attr {
  char name[64];
  Tok args[MAX_ATTR_TOKS];
  int nargs;
  bool in_macro;    /* spelled inside a macro definition */
  const char *text; /* the file it is spelled in, and where */
  size_t size, off;
} Attr;

static bool read_attr(Fe *fe, CXCursor c, Attr *a) {
  memset(a, 0, sizeof *a);
  CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(c));
  size_t size, off;
  const char *text = fe_spelling_text(fe, start, &size, &off);
  if (!text) return false;
  CXFile ef, sf;
  unsigned eoff, soff;
  clang_getExpansionLocation(start, &ef, NULL, NULL, &eoff);
  clang_getSpellingLocation(start, &sf, NULL, NULL, &soff);
  a->in_macro = !clang_File_isEqual(ef, sf) || eoff != soff;
  a->text = text;
  a->size = size;
  a->off = off;
  Tok t;
  size_t i = off;
  if (!ctok_next(text, size, &i, &t, false) || !ctok_ident(t)) return false;
  const char *p = t.p;
  int n = t.len;
  if (n > 4 && p[0] == '_' && p[1] == '_' && p[n - 1] == '_' && p[n - 2] == '_') {
    p += 2;
    n -= 4;
  }
  if (n >= (int)sizeof a->name) return false;
  memcpy(a->name, p, (size_t)n);
  if (ctok_next(text, size, &i, &t, false) && ctok_is(t, "(")) {
    int depth = 0;
    while (ctok_next(text, size, &i, &t, false)) {
      if (ctok_is(t, "("))
        depth++;
      else if (ctok_is(t, ")") && depth-- == 0)
        break;
      if (a->nargs < MAX_ATTR_TOKS) a->args[a->nargs++] = t;
    }
  }
  return true;
}

static void add_ownership(Fe *fe, FuncDecl *d, OwnershipKind kind, const Attr *a) {
  if (a->nargs < 1 || !ctok_ident(a->args[0])) return;
  OwnershipAttr o = {.kind = kind};
  o.module = arena_strndup(fe->a, a->args[0].p, (size_t)a->args[0].len);
  o.args = ARENA_ARRAY(fe->a, int, a->nargs);
  for (int i = 1; i < a->nargs; i++) {
    if (ctok_is(a->args[i], ",")) continue;
    /* The attribute counts parameters from 1; the IR from 0. */
    long v = strtol(arena_strndup(fe->a, a->args[i].p, (size_t)a->args[i].len), NULL, 0);
    if (v >= 1) o.args[o.nargs++] = (int)v - 1;
  }
  for (int i = 0; i < d->nattrs; i++) {
    const OwnershipAttr *x = &d->attrs[i];
    if (x->kind == o.kind && strcmp(x->module, o.module) == 0 && x->nargs == o.nargs &&
        (o.nargs == 0 || memcmp(x->args, o.args, sizeof(int) * (size_t)o.nargs) == 0))
      return; /* seen on another declaration */
  }
  OwnershipAttr *v = ARENA_ARRAY(fe->a, OwnershipAttr, d->nattrs + 1);
  if (d->nattrs) memcpy(v, d->attrs, sizeof(OwnershipAttr) * (size_t)d->nattrs);
  v[d->nattrs++] = o;
  d->attrs = v;
}

typedef struct FuncVisit {
  Fe *fe;
  FuncDecl *d;
} FuncVisit;

static enum CXChildVisitResult func_attr_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  FuncVisit *v = data;
  if (!clang_isAttribute(clang_getCursorKind(c))) return CXChildVisit_Continue;
  Attr a;
  if (!read_attr(v->fe, c, &a)) return CXChildVisit_Continue;
  if (strcmp(a.name, "Noreturn") == 0 || strcmp(a.name, "_Noreturn") == 0 ||
      strcmp(a.name, "noreturn") == 0)
    v->d->noreturn = true;
  else if (strcmp(a.name, "ownership_returns") == 0)
    add_ownership(v->fe, v->d, OWN_RETURNS, &a);
  else if (strcmp(a.name, "ownership_takes") == 0)
    add_ownership(v->fe, v->d, OWN_TAKES, &a);
  else if (strcmp(a.name, "ownership_holds") == 0)
    add_ownership(v->fe, v->d, OWN_HOLDS, &a);
  return CXChildVisit_Continue;
}

void attrs_read_func(Fe *fe, CXCursor decl, FuncDecl *d) {
  FuncVisit v = {fe, d};
  clang_visitChildren(decl, func_attr_visitor, &v);
}

/* Is `name` a parameter of the #define whose body holds text[off]? */
static bool is_macro_param(const char *text, size_t off, Tok name) {
  /* Back to the start of the logical line: a newline not escaped. */
  size_t i = off;
  while (i > 0 && !(text[i - 1] == '\n' && !(i >= 2 && text[i - 2] == '\\')))
    i--;
  size_t size = off;
  Tok t;
  if (!ctok_next(text, size, &i, &t, false) || !ctok_is(t, "#")) return false;
  if (!ctok_next(text, size, &i, &t, false) || !ctok_is(t, "define")) return false;
  if (!ctok_next(text, size, &i, &t, false) || i >= size || text[i] != '(') return false;
  i++;
  while (ctok_next(text, size, &i, &t, false) && !ctok_is(t, ")"))
    if (t.len == name.len && memcmp(t.p, name.p, (size_t)t.len) == 0) return true;
  return false;
}

typedef struct VarVisit {
  Fe *fe;
  const char *fn;
} VarVisit;

static enum CXChildVisitResult var_attr_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  VarVisit *v = data;
  if (!clang_isAttribute(clang_getCursorKind(c))) return CXChildVisit_Continue;
  Attr a;
  if (!read_attr(v->fe, c, &a) || strcmp(a.name, "cleanup") != 0) return CXChildVisit_Continue;
  if (a.nargs == 1 && ctok_ident(a.args[0]) &&
      !(a.in_macro && is_macro_param(a.text, a.off, a.args[0]))) {
    v->fn = arena_strndup(v->fe->a, a.args[0].p, (size_t)a.args[0].len);
    return CXChildVisit_Break;
  }
  if (a.in_macro) {
    /* The function is an argument of the macro: expand the use site. */
    CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(c));
    CXFile ef;
    unsigned eoff;
    clang_getExpansionLocation(start, &ef, NULL, NULL, &eoff);
    SrcFile *sf = fe_file(v->fe, ef);
    if (sf && sf->text && eoff < sf->size)
      v->fn = macro_find_cleanup(v->fe, sf->text + eoff, sf->size - eoff);
  }
  return v->fn ? CXChildVisit_Break : CXChildVisit_Continue;
}

const char *attrs_cleanup(Fe *fe, CXCursor var) {
  VarVisit v = {fe, NULL};
  clang_visitChildren(var, var_attr_visitor, &v);
  return v.fn;
}
