/*
 * frontend.c - parsing a translation unit with libclang and turning it into
 * a Unit: diagnostics, function declarations, and one lowered Func per
 * function defined in the main file.
 *
 * libclang is asked to keep going past errors so that a file whose headers
 * are missing (the usual case when analyzing code outside its build) still
 * yields every function that parsed. The errors a missing header causes in
 * the code that uses it (calls to undeclared functions, implicit int) are
 * downgraded to warnings, and warnings are silenced: they cost time and we
 * do not report them.
 */
#include "frontend.h"

#include "frontend_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CONNLINT_CLANG_RESOURCE_DIR
#define CONNLINT_CLANG_RESOURCE_DIR ""
#endif

struct Frontend {
  CXIndex index;
  bool parse_only;
};

void frontend_set_parse_only(Frontend *fe, bool on) {
  fe->parse_only = on;
}

Frontend *frontend_new(void) {
  Frontend *fe = calloc(1, sizeof *fe);
  if (!fe) return NULL;
  fe->index = clang_createIndex(0, 0);
  return fe;
}

void frontend_delete(Frontend *fe) {
  if (!fe) return;
  clang_disposeIndex(fe->index);
  free(fe);
}

const char *frontend_resource_dir(void) {
  return CONNLINT_CLANG_RESOURCE_DIR[0] ? CONNLINT_CLANG_RESOURCE_DIR : NULL;
}

/* The flags every parse gets after the user's, so they win. */
static const char *const extra_args[] = {
    "-ferror-limit=0",
    "-w",
    "-Wno-error=implicit-function-declaration",
    "-Wno-error=implicit-int",
    "-Wno-error=int-conversion",
    "-Wno-error=incompatible-function-pointer-types",
    "-Wno-error=return-type",
};
enum { NEXTRA = sizeof extra_args / sizeof extra_args[0] };

/* ---- Declarations ------------------------------------------------------- */

static bool cursor_is_noreturn_type(Fe *fe, CXCursor c) {
  /* clang prints a function type carrying the GNU noreturn bit (however the
     attribute was spelled, through glibc's macros too) with this suffix; the
     C11 and C23 spellings are attributes, read by attrs_read_func. */
  static const char suffix[] = "__attribute__((noreturn))";
  const char *t = fe_str(fe, clang_getTypeSpelling(clang_getCursorType(c)));
  size_t n = strlen(t), m = sizeof suffix - 1;
  return n >= m && strcmp(t + n - m, suffix) == 0;
}

FuncDecl *fe_decl(Fe *fe, CXCursor fn) {
  CXString s = clang_getCursorSpelling(fn);
  const char *cname = clang_getCString(s);
  unsigned h = str_hash(cname);
  FuncDecl *d = map_get(&fe->decls, h, cname, str_eq);
  if (d) {
    clang_disposeString(s);
    return d;
  }
  d = ARENA_NEW(fe->a, FuncDecl);
  d->name = arena_strdup(fe->a, cname);
  clang_disposeString(s);
  map_put(fe->a, &fe->decls, h, d->name, d, str_eq);
  vec_push(fe->a, &fe->declv, d);

  CXCursor def = clang_getCursorDefinition(fn);
  d->has_body = !clang_Cursor_isNull(def);
  d->loc = fe_cursor_loc(fe, d->has_body ? def : fn);
  int n = clang_Cursor_getNumArguments(fn);
  d->nparams = n > 0 ? n : 0;
  CXType t = clang_getCursorType(fn);
  d->variadic = t.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(t);
  d->noreturn = builtin_noreturn(d->name) || cursor_is_noreturn_type(fe, fn);
  attrs_read_func(fe, fn, d);
  if (d->has_body && !clang_equalCursors(def, fn)) attrs_read_func(fe, def, d);
  return d;
}

static enum CXChildVisitResult fn_index_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  Fe *fe = data;
  if (clang_getCursorKind(c) == CXCursor_FunctionDecl) {
    CXCursor *p = ARENA_NEW(fe->a, CXCursor);
    *p = c;
    const char *name = fe_str(fe, clang_getCursorSpelling(c));
    unsigned h = str_hash(name);
    if (!map_get(&fe->fn_index, h, name, str_eq)) map_put(fe->a, &fe->fn_index, h, name, p, str_eq);
  }
  return CXChildVisit_Continue;
}

FuncDecl *fe_decl_named(Fe *fe, const char *name) {
  FuncDecl *d = map_get(&fe->decls, str_hash(name), name, str_eq);
  if (d) return d;
  /* Cleanup functions are named, not referenced: find their declaration
     among the unit's top-level ones, indexed on first need. */
  if (!fe->fn_indexed) {
    fe->fn_indexed = true;
    clang_visitChildren(clang_getTranslationUnitCursor(fe->tu), fn_index_visitor, fe);
  }
  CXCursor *c = map_get(&fe->fn_index, str_hash(name), name, str_eq);
  if (c) return fe_decl(fe, *c);
  d = ARENA_NEW(fe->a, FuncDecl);
  d->name = arena_strdup(fe->a, name);
  d->noreturn = builtin_noreturn(name);
  map_put(fe->a, &fe->decls, str_hash(d->name), d->name, d, str_eq);
  vec_push(fe->a, &fe->declv, d);
  return d;
}

/* ---- Diagnostics -------------------------------------------------------- */

static void collect_diags(Fe *fe) {
  Vec seen = {0}; /* messages of missing headers already reported */
  unsigned n = clang_getNumDiagnostics(fe->tu);
  Vec out = {0};
  unsigned *errs = ARENA_ARRAY(fe->a, unsigned, n); /* where code may be missing */
  int nerrs = 0;
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic cd = clang_getDiagnostic(fe->tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(cd);
    if (sev >= CXDiagnostic_Error) {
      const char *msg = fe_str(fe, clang_getDiagnosticSpelling(cd));
      Loc loc = fe_loc(fe, clang_getDiagnosticLocation(cd));
      if (!loc.file) loc = (Loc){0}; /* the command line or clang's predefines */
      DiagLevel level = DIAG_ERROR;
      if (strstr(msg, "file not found")) {
        /* A missing header is expected when analyzing outside the build; it
           is worth one note, not an error per inclusion. */
        level = DIAG_NOTE;
        fe->u->headers_missing = true;
        bool dup = false;
        for (int j = 0; j < seen.len && !dup; j++)
          dup = strcmp(seen.data[j], msg) == 0;
        if (dup) {
          clang_disposeDiagnostic(cd);
          continue;
        }
        vec_push(fe->a, &seen, (void *)msg);
      }
      CXSourceLocation dl = clang_getDiagnosticLocation(cd);
      if (level == DIAG_ERROR && clang_Location_isFromMainFile(dl))
        clang_getExpansionLocation(dl, NULL, NULL, NULL, &errs[nerrs++]);
      Diag *d = ARENA_NEW(fe->a, Diag);
      d->level = level;
      d->loc = loc;
      d->msg = msg;
      vec_push(fe->a, &out, d);
    }
    clang_disposeDiagnostic(cd);
  }
  recovery_errors(fe, errs, nerrs);
  fe->u->diags = (Diag **)out.data;
  fe->u->ndiags = out.len;
}

/* ---- Building the unit -------------------------------------------------- */

typedef struct Walk {
  Fe *fe;
  Vec funcs;
  int main_decls; /* declarations seen in the main file */
} Walk;

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  Walk *w = data;
  if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) return CXChildVisit_Continue;
  w->main_decls++;
  if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
    fe_decl(w->fe, c);
    Func *f = lower_function(w->fe, c);
    if (f) vec_push(w->fe->a, &w->funcs, f);
  }
  return CXChildVisit_Continue;
}

static Unit *build_unit(CXTranslationUnit tu, const char *path, bool parse_only) {
  Unit *u = unit_new(path);
  Fe fe = {.u = u, .a = &u->arena, .tu = tu};
  collect_diags(&fe);
  if (parse_only) return u;
  Walk w = {.fe = &fe};
  clang_visitChildren(clang_getTranslationUnitCursor(tu), top_visitor, &w);
  u->funcs = (Func **)w.funcs.data;
  u->nfuncs = w.funcs.len;
  u->decls = (FuncDecl **)fe.declv.data;
  u->ndecls = fe.declv.len;
  bool errors = false;
  for (int i = 0; i < u->ndiags; i++)
    errors |= u->diags[i]->level == DIAG_ERROR;
  u->fatal = errors && w.main_decls == 0;
  return u;
}

/* clang decides the language from the extension and gives up on files it
   does not recognize; connlint only reads C, so say so unless told. */
static bool needs_language(const char *file, const char *const *args, int nargs) {
  for (int i = 0; i < nargs; i++)
    if (strncmp(args[i], "-x", 2) == 0) return false;
  const char *dot = strrchr(file, '.');
  const char *slash = strrchr(file, '/');
  if (!dot || (slash && dot < slash)) return true;
  return strcmp(dot, ".c") != 0 && strcmp(dot, ".h") != 0 && strcmp(dot, ".i") != 0;
}

static FrontendStatus parse(Frontend *fe, const char *file, const char *const *args, int nargs,
                            const char *dir, struct CXUnsavedFile *unsaved, Unit **out, char *why,
                            int whylen) {
  const char *res = frontend_resource_dir();
  int n = 0;
  const char **argv = malloc(sizeof(char *) * (size_t)(nargs + NEXTRA + 6));
  if (!argv) {
    fputs("connlint: internal error: out of memory\n", stderr);
    exit(3);
  }
  for (int i = 0; i < nargs; i++)
    argv[n++] = args[i];
  if (res) {
    argv[n++] = "-resource-dir";
    argv[n++] = res;
  }
  if (dir) {
    argv[n++] = "-working-directory";
    argv[n++] = dir;
  }
  for (int i = 0; i < NEXTRA; i++)
    argv[n++] = extra_args[i];
  if (needs_language(file, args, nargs)) {
    argv[n++] = "-x";
    argv[n++] = "c";
  }

  CXTranslationUnit tu = NULL;
  enum CXErrorCode err = clang_parseTranslationUnit2(
      fe->index, file, argv, n, unsaved, unsaved ? 1 : 0, CXTranslationUnit_KeepGoing, &tu);
  free(argv);
  if (err != CXError_Success || !tu) {
    if (why)
      snprintf(why, (size_t)whylen,
               "libclang could not parse '%s' (error %d): check the compiler flags", file,
               (int)err);
    return FE_PARSE_FAIL;
  }
  *out = build_unit(tu, file, fe->parse_only);
  clang_disposeTranslationUnit(tu);
  return FE_OK;
}

FrontendStatus frontend_parse(Frontend *fe, const char *file, const char *const *args, int nargs,
                              const char *dir, Unit **out, char *why, int whylen) {
  *out = NULL;
  /* libclang reports an unreadable file only as a diagnostic on an empty
     unit; checking first gives the user a precise reason. */
  char *full = NULL;
  const char *path = file;
  if (dir && file[0] != '/') {
    size_t len = strlen(dir) + strlen(file) + 2;
    full = malloc(len);
    if (!full) {
      fputs("connlint: internal error: out of memory\n", stderr);
      exit(3);
    }
    snprintf(full, len, "%s/%s", dir, file);
    path = full;
  }
  struct stat st;
  FrontendStatus status = FE_OK;
  if (stat(path, &st) != 0) {
    if (why) snprintf(why, (size_t)whylen, "cannot read '%s': %s", path, strerror(errno));
    status = FE_NO_FILE;
  } else if (S_ISDIR(st.st_mode)) {
    if (why) snprintf(why, (size_t)whylen, "'%s' is a directory, not a C source file", path);
    status = FE_NO_FILE;
  } else if (access(path, R_OK) != 0) {
    if (why) snprintf(why, (size_t)whylen, "cannot read '%s': %s", path, strerror(errno));
    status = FE_NO_FILE;
  }
  /* clang resolves the file against -working-directory itself, so locations
     read as the user (or compile_commands.json) named the file. */
  if (status == FE_OK) status = parse(fe, file, args, nargs, dir, NULL, out, why, whylen);
  free(full);
  return status;
}

FrontendStatus frontend_parse_unsaved(Frontend *fe, const char *file, const char *const *args,
                                      int nargs, const char *dir, const char *text, size_t len,
                                      Unit **out, char *why, int whylen) {
  *out = NULL;
  struct CXUnsavedFile uf = {.Filename = file, .Contents = text, .Length = (unsigned long)len};
  return parse(fe, file, args, nargs, dir, &uf, out, why, whylen);
}

FrontendStatus frontend_parse_string(Frontend *fe, const char *name, const char *code,
                                     const char *const *args, int nargs, Unit **out) {
  *out = NULL;
  struct CXUnsavedFile uf = {.Filename = name, .Contents = code, .Length = strlen(code)};
  return parse(fe, name, args, nargs, NULL, &uf, out, NULL, 0);
}
