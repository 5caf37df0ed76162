/*
 * srcloc.c - source files, locations and text, as the IR wants them.
 *
 * Every IR node carries a Loc; computing one must be cheap because lowering
 * makes one per statement and expression. File names are interned once per
 * CXFile (the last file is cached, and nearly every node is in the main
 * file), and file contents come from the translation unit's own buffers
 * (clang_getFileContents), so no file is read twice.
 */
#include "frontend_int.h"

#include <ctype.h>
#include <string.h>

const char *fe_str(Fe *fe, CXString s) {
  const char *c = clang_getCString(s);
  const char *r = arena_strdup(fe->a, c ? c : "");
  clang_disposeString(s);
  return r;
}

SrcFile *fe_file(Fe *fe, CXFile f) {
  if (!f) return NULL;
  if (fe->last_file && clang_File_isEqual(fe->last_file->file, f)) return fe->last_file;
  for (int i = 0; i < fe->files.len; i++) {
    SrcFile *sf = fe->files.data[i];
    if (clang_File_isEqual(sf->file, f)) return fe->last_file = sf;
  }
  SrcFile *sf = ARENA_NEW(fe->a, SrcFile);
  sf->file = f;
  CXString name = clang_getFileName(f);
  sf->name = unit_intern_file(fe->u, clang_getCString(name));
  clang_disposeString(name);
  sf->text = clang_getFileContents(fe->tu, f, &sf->size);
  vec_push(fe->a, &fe->files, sf);
  return fe->last_file = sf;
}

static void index_lines(Fe *fe, SrcFile *sf) {
  const char *end = sf->text + sf->size, *p;
  int n = 1;
  for (p = sf->text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
    n++;
  sf->lines = ARENA_ARRAY(fe->a, unsigned, n);
  sf->nlines = 0;
  sf->lines[sf->nlines++] = 0;
  for (p = sf->text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
    sf->lines[sf->nlines++] = (unsigned)(p + 1 - sf->text);
}

/* Lines and columns come from the file's own line index: asking libclang
   for them costs more than the rest of the lowering of a node. Columns
   count bytes from 1, as clang's do. */
Loc fe_loc(Fe *fe, CXSourceLocation l) {
  CXFile f;
  unsigned off;
  clang_getExpansionLocation(l, &f, NULL, NULL, &off);
  SrcFile *sf = fe_file(fe, f);
  if (!sf) return (Loc){0};
  if (!sf->text || off > sf->size) {
    unsigned line, col;
    clang_getExpansionLocation(l, NULL, &line, &col, NULL);
    return (Loc){sf->name, (int)line, (int)col};
  }
  if (!sf->lines) index_lines(fe, sf);
  int lo = 0, hi = sf->nlines - 1;
  while (lo < hi) { /* the last line starting at or before off */
    int mid = (lo + hi + 1) / 2;
    if (sf->lines[mid] <= off)
      lo = mid;
    else
      hi = mid - 1;
  }
  return (Loc){sf->name, lo + 1, (int)(off - sf->lines[lo]) + 1};
}

Loc fe_cursor_loc(Fe *fe, CXCursor c) {
  return fe_loc(fe, clang_getCursorLocation(c));
}

static bool is_ident(int c) {
  return isalnum(c) || c == '_' || c == '$';
}

bool fe_macro_loc(Fe *fe, CXSourceLocation l, MacroLoc *out) {
  CXFile ef, sf;
  unsigned eoff, soff, line, col;
  memset(out, 0, sizeof *out);
  clang_getExpansionLocation(l, &ef, NULL, NULL, &eoff);
  clang_getSpellingLocation(l, &sf, &line, &col, &soff);
  if (!sf || (eoff == soff && clang_File_isEqual(ef, sf))) return false;
  SrcFile *s = fe_file(fe, sf);
  out->spelling = (Loc){s->name, (int)line, (int)col};
  /* The expansion location is the outermost macro's name as written. */
  SrcFile *e = fe_file(fe, ef);
  if (e && e->text && eoff < e->size) {
    size_t n = 0;
    while (eoff + n < e->size && is_ident((unsigned char)e->text[eoff + n]))
      n++;
    if (n > 0) out->macro = arena_strndup(fe->a, e->text + eoff, n);
  }
  return true;
}

const char *fe_spelling_text(Fe *fe, CXSourceLocation l, size_t *size, size_t *off) {
  CXFile f;
  unsigned o;
  clang_getSpellingLocation(l, &f, NULL, NULL, &o);
  SrcFile *sf = fe_file(fe, f);
  if (!sf || !sf->text || o >= sf->size) return NULL;
  *size = sf->size;
  *off = o;
  return sf->text;
}

enum { TEXT_CAP = 200 };

/* Copies text[from, to) with whitespace runs (and backslash-newlines of
   macro bodies) collapsed to one space. */
static const char *collapse(Fe *fe, const char *text, size_t from, size_t to) {
  char buf[TEXT_CAP + 4];
  size_t n = 0;
  bool space = false;
  for (size_t i = from; i < to && n < TEXT_CAP; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '\\' && i + 1 < to && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      space = true;
      continue;
    }
    if (isspace(c)) {
      space = true;
      continue;
    }
    if (space && n > 0) buf[n++] = ' ';
    space = false;
    buf[n++] = (char)c;
  }
  if (n >= TEXT_CAP) {
    memcpy(buf + n, "...", 3);
    n += 3;
  }
  return arena_strndup(fe->a, buf, n);
}

/* From the start of a call spelled inside a macro body, where libclang's
   extent covers the whole expansion: the callee then each parenthesized
   group, until a group is not followed by another `(`. */
static size_t scan_call_end(const char *t, size_t size, size_t i) {
  int depth = 0;
  for (; i < size; i++) {
    char c = t[i];
    if (c == '"' || c == '\'') {
      for (i++; i < size && t[i] != c && t[i] != '\n'; i++)
        if (t[i] == '\\') i++;
    } else if (c == '(') {
      depth++;
    } else if (c == ')') {
      if (--depth < 0) return i;
      if (depth == 0) {
        size_t j = i + 1;
        while (j < size && (t[j] == ' ' || t[j] == '\t'))
          j++;
        if (j >= size || t[j] != '(') return i + 1;
      }
    } else if (depth == 0 && (c == ';' || c == ',' || c == '\n')) {
      return i;
    }
  }
  return i;
}

const char *fe_text(Fe *fe, const char *text, size_t from, size_t to) {
  return collapse(fe, text, from, to);
}

const char *fe_call_text(Fe *fe, CXCursor call) {
  CXSourceRange r = clang_getCursorExtent(call);
  CXSourceLocation start = clang_getRangeStart(r), end = clang_getRangeEnd(r);
  CXFile ef, sf, endf;
  unsigned eoff, soff, endoff;
  clang_getExpansionLocation(start, &ef, NULL, NULL, &eoff);
  clang_getSpellingLocation(start, &sf, NULL, NULL, &soff);
  SrcFile *s = fe_file(fe, sf);
  if (!s || !s->text || soff >= s->size) return NULL;
  if (clang_File_isEqual(ef, sf) && eoff == soff) {
    clang_getExpansionLocation(end, &endf, NULL, NULL, &endoff);
    if (clang_File_isEqual(endf, sf) && endoff > soff && endoff <= s->size)
      return collapse(fe, s->text, soff, endoff);
  }
  /* A macro that is nothing but the call (`#define free(p) Curl_cfree(p)`)
     was written as its invocation: show that, as the user wrote it. */
  SrcFile *e = fe_file(fe, ef);
  if (e && e->text && eoff < e->size && ctok_define_body_at(s->text, soff))
    return collapse(fe, e->text, eoff, scan_call_end(e->text, e->size, eoff));
  return collapse(fe, s->text, soff, scan_call_end(s->text, s->size, soff));
}

TypeClass fe_type_class(CXType t) {
  t = clang_getCanonicalType(t);
  switch (t.kind) {
  case CXType_Pointer:
  case CXType_BlockPointer:
  case CXType_FunctionProto:
  case CXType_FunctionNoProto: return TY_POINTER;
  case CXType_Record: return TY_RECORD;
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
  case CXType_DependentSizedArray: return TY_ARRAY;
  case CXType_Bool:
  case CXType_Char_U:
  case CXType_UChar:
  case CXType_Char16:
  case CXType_Char32:
  case CXType_UShort:
  case CXType_UInt:
  case CXType_ULong:
  case CXType_ULongLong:
  case CXType_UInt128:
  case CXType_Char_S:
  case CXType_SChar:
  case CXType_WChar:
  case CXType_Short:
  case CXType_Int:
  case CXType_Long:
  case CXType_LongLong:
  case CXType_Int128:
  case CXType_Enum: return TY_INT;
  default: return TY_OTHER;
  }
}

bool fe_type_unsigned(CXType t) {
  t = clang_getCanonicalType(t);
  switch (t.kind) {
  case CXType_Bool:
  case CXType_Char_U:
  case CXType_UChar:
  case CXType_Char16:
  case CXType_Char32:
  case CXType_UShort:
  case CXType_UInt:
  case CXType_ULong:
  case CXType_ULongLong:
  case CXType_UInt128: return true;
  case CXType_Enum: {
    /* clang gives an enum without negative constants an unsigned type. */
    CXType u = clang_getEnumDeclIntegerType(clang_getTypeDeclaration(t));
    return u.kind != CXType_Enum && u.kind != CXType_Invalid && fe_type_unsigned(u);
  }
  default: return false;
  }
}
