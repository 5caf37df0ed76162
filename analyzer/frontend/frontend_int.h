/*
 * frontend_int.h - the front end's internals, shared by its files: frontend.c
 * (parsing, declarations, diagnostics), srcloc.c (locations and source
 * text), lower_func.c (one function from start to finish), lower.c
 * (statements and control flow), lower_expr.c, lower_cond.c and
 * lower_init.c (expressions, conditions, initializers), lower_build.c (IR
 * constructors), lower_recover.c (code clang could not type-check),
 * attrs.c (attributes read from source text), ctok.c (raw tokens of source
 * text) and macro.c (the small macro expander attrs.c needs).
 *
 * This is the only header that names libclang types; nothing outside the
 * front end includes it.
 */
#ifndef CONNLINT_FRONTEND_INT_H
#define CONNLINT_FRONTEND_INT_H

#include "cfgbuild.h"
#include "ir.h"

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

/* ---- Per-unit state ----------------------------------------------------- */

typedef struct SrcFile {
  CXFile file;
  const char *name; /* interned in the unit */
  const char *text; /* owned by the translation unit */
  size_t size;
  unsigned *lines; /* offset of each line's start, built on first need */
  int nlines;
} SrcFile;

typedef struct MacroTable MacroTable;

typedef struct Fe {
  Unit *u;
  Arena *a; /* the unit's arena */
  CXTranslationUnit tu;
  Vec files; /* SrcFile * */
  SrcFile *last_file;
  Map decls; /* name -> FuncDecl */
  Vec declv;
  MacroTable *macros; /* built on first need (cleanup attributes behind macros) */
  Map fn_index;       /* name -> CXCursor * of every top-level function, on first need */
  bool fn_indexed;
  unsigned *err_offs; /* offsets of clang's errors in the main file, sorted */
  int nerr;
} Fe;

const char *fe_str(Fe *fe, CXString s); /* arena copy; disposes s */
SrcFile *fe_file(Fe *fe, CXFile f);
Loc fe_loc(Fe *fe, CXSourceLocation l); /* expansion location */
Loc fe_cursor_loc(Fe *fe, CXCursor c);
/* When `l` is inside a macro expansion: where it was spelled and the name of
   the outermost macro. Returns false (and leaves *out zeroed) otherwise. */
bool fe_macro_loc(Fe *fe, CXSourceLocation l, MacroLoc *out);
/* The source text of a call, whitespace-collapsed and capped. */
const char *fe_call_text(Fe *fe, CXCursor call);
/* text[from, to) whitespace-collapsed and capped, in the unit's arena. */
const char *fe_text(Fe *fe, const char *text, size_t from, size_t to);
/* The text of the file holding the spelling of `l`, and the offset of `l` in it. */
const char *fe_spelling_text(Fe *fe, CXSourceLocation l, size_t *size, size_t *off);
/* The FuncDecl of a function cursor, created once per name. */
FuncDecl *fe_decl(Fe *fe, CXCursor fn);
/* The FuncDecl of a function known only by name (a cleanup function). */
FuncDecl *fe_decl_named(Fe *fe, const char *name);
TypeClass fe_type_class(CXType t);
bool fe_type_unsigned(CXType t); /* unsigned integer, bool, enum of unsigned type */

/* ---- Attributes (attrs.c) ------------------------------------------- */

/* noreturn and ownership_* attributes on one declaration of a function. */
void attrs_read_func(Fe *fe, CXCursor decl, FuncDecl *d);
/* The function named by __attribute__((cleanup(fn))) on a variable, also
   when the attribute comes from a macro (g_autofree, _cleanup_free_). */
const char *attrs_cleanup(Fe *fe, CXCursor var);

/* ---- Raw tokens (ctok.c) ------------------------------------------------- */

/* Raw tokens of source text, for the few places that read what libclang's
   C API does not expose. Blanks, comments and backslash-newlines are
   skipped; with stop_nl, a newline ends the scan (a directive's end). */
typedef struct Tok {
  const char *p;
  int len;
} Tok;

bool ctok_next(const char *text, size_t size, size_t *off, Tok *t, bool stop_nl);
bool ctok_is(Tok t, const char *s);
bool ctok_ident(Tok t);

/* Is text[off] the first token of a #define's body? */
bool ctok_define_body_at(const char *text, size_t off);

/* ---- Macro expansion (macro.c) ------------------------------------------- */

/* Expands the macro invocation that starts at `text` until a
   `cleanup(fn)` / `__cleanup__(fn)` appears; returns fn or NULL. */
const char *macro_find_cleanup(Fe *fe, const char *text, size_t len);

/* ---- Per-function lowering (lower.c, lower_expr.c) ----------------------- */

typedef struct Scope {
  struct Scope *up;
  CXCursor owner; /* the compound or for statement opening the scope */
  Vec cleanups;   /* Var * with a cleanup, in declaration order */
} Scope;

typedef struct JumpTarget {
  BB *bb; /* NULL: no enclosing loop/switch */
  Scope *scope;
} JumpTarget;

typedef struct SwitchCtx {
  Vec cases;  /* SwitchCase * */
  Vec blocks; /* BB *, parallel to cases */
  BB *dflt;
  BB *fresh; /* the last case block, while still empty: shared by adjacent labels */
} SwitchCtx;

typedef struct LabelInfo {
  BB *bb;
  CXCursor *owners; /* scopes enclosing the label, innermost first (pre-pass) */
  int nowners;
  /* Once lowered: the scopes open at the label and how many cleanup
     variables each had then. */
  Scope **snap_scopes;
  int *snap_len;
  int nsnap;
} LabelInfo;

typedef struct Lower {
  Fe *fe;
  Arena *a;       /* the unit's arena: IR */
  Arena scratch;  /* maps, scopes, child lists: freed after the function */
  CXCursor body;  /* the function's compound statement */
  Vec blocks;     /* BB * in creation order */
  Vec vars;       /* Var * */
  Map varmap;     /* canonical decl cursor -> Var */
  Map names;      /* name -> Var, the latest declared, for recovery (lower_recover.c) */
  Map labels;     /* name -> LabelInfo */
  Vec label_list; /* LabelInfo * in order of appearance */
  bool labels_scanned;
  Loc here;        /* the statement being lowered, for jumps it implies */
  CXCursor anchor; /* the assignment or declaration values are delivered for */
  BB *cur;         /* NULL: the current point is unreachable */
  Scope *scope;
  JumpTarget brk, cont;
  SwitchCtx *sw;
  Vec indirect_gotos; /* BB * ending in `goto *p` */
  int ntemps;
} Lower;

/* Lowers one function definition (lower_func.c). */
Func *lower_function(Fe *fe, CXCursor def);

/* Blocks and terminators. */
BB *bb_new(Lower *L);
BB *bb_cur(Lower *L); /* the current block, created if the point is unreachable */
void emit(Lower *L, Stmt *s);
void set_jump(Lower *L, BB *to, const char *kind, Loc loc);
void set_branch(Lower *L, CmpOp op, Expr *lhs, Expr *rhs, BB *t, BB *f, Loc loc);
void set_noreturn(Lower *L, const char *callee, Loc loc);
void enter(Lower *L, BB *b); /* fall through into b and continue there */

/* Variables. */
Var *var_new(Lower *L, const char *name, VarKind kind, CXType type, Loc loc);
Var *var_temp(Lower *L, CXType type, const char *origin, Loc loc);
Var *var_of_decl(Lower *L, CXCursor decl);
void var_bind(Lower *L, CXCursor decl, Var *v);
Path *path_var(Lower *L, Var *v);

/* Children of a cursor: fills up to max, returns how many there are. */
int kids(CXCursor c, CXCursor *out, int max);
/* All children, in the scratch arena. */
CXCursor *kids_all(Lower *L, CXCursor c, int *n);

static inline Loc loc_of(Lower *L, CXCursor c) {
  return fe_cursor_loc(L->fe, c);
}

/* Building blocks (lower_build.c). */
CXCursor strip(CXCursor e); /* parentheses and casts that change no value */
/* An implicit conversion (or full-expression wrapper), shown by libclang as
   an unexposed expression around one operand: sets *inner. */
bool implicit_cast(CXCursor c, CXCursor *inner);
CXCursor last_expr_kid(CXCursor c);
bool type_is_pointer(CXType t);
Expr *expr_new(Lower *L, ExprKind k, Loc loc);
Expr *expr_const(Lower *L, long v, Loc loc);
Expr *expr_path(Lower *L, Path *p, Loc loc);
/* Marks a path, operator or comparison value unsigned from the type of `e`. */
Expr *expr_typed(Expr *x, CXCursor e);
Expr *expr_unknown(Lower *L, const char *what, Loc loc);
Expr *expr_op(Lower *L, const char *op, Expr *a, Expr *b, Loc loc);
Expr *expr_cmp(Lower *L, CmpOp op, Expr *a, Expr *b, Loc loc);
bool expr_is_const(const Expr *e);
/* A value converted to type `to`: a zero becomes a null pointer constant. */
Expr *expr_converted(Lower *L, Expr *v, CXType to);
bool cmp_of_binop(enum CXBinaryOperatorKind k, CmpOp *op);
Path *path_new(Lower *L, PathKind k, Path *base);
Path *path_field(Lower *L, Path *base, const char *field, bool arrow);
Path *path_index(Lower *L, Path *base, Expr *index);
/* The path holding a value, through a temporary if it is not a path. */
Path *path_of_value(Lower *L, Expr *v, CXCursor e);
Var *var_temp_for(Lower *L, CXCursor e, const char *origin);
/* dst = v, located at the statement `at` starts. */
void emit_assign(Lower *L, Path *dst, Expr *v, CXCursor at);

/* Expressions (lower_expr.c). Calls are hoisted into statements. */
typedef enum {
  WANT_VALUE, /* the value, as a call-free Expr */
  WANT_INTO,  /* assigned to a given path */
  WANT_NONE,  /* side effects only */
} Want;

Expr *lower_as(Lower *L, CXCursor e, Want w, Path *dst);
/* Hands a computed value over under a want (WANT_INTO: assigns it). */
Expr *deliver(Lower *L, Want w, Path *dst, Expr *v, CXCursor at);
Expr *lower_expr(Lower *L, CXCursor e);
void lower_discard(Lower *L, CXCursor e);
Path *lower_lvalue(Lower *L, CXCursor e);
bool builtin_transparent(const char *name); /* __builtin_expect(e, c) is e */

/* Control flow in expressions (lower_cond.c). */
void lower_cond(Lower *L, CXCursor e, BB *t, BB *f);
void lower_bool_into(Lower *L, CXCursor e, Path *dst); /* dst = e ? 1 : 0 */
Expr *lower_conditional(Lower *L, CXCursor e, Want w, Path *dst);
Expr *lower_elvis(Lower *L, CXCursor e, CXCursor a, CXCursor b, Want w, Path *dst);

/* Initializers (lower_init.c). */
/* dst = init, for the declaration `decl` (its location is the statements'). */
void lower_init(Lower *L, Path *dst, CXCursor decl, CXCursor init);
void lower_init_list(Lower *L, Path *dst, CXCursor list);
Expr *lower_compound_literal(Lower *L, CXCursor e, Want w, Path *dst);

/* Code clang could not type-check (lower_recover.c). */
void recovery_errors(Fe *fe, const unsigned *offs, int n); /* before lowering */
bool recovery_expr(CXCursor e); /* a RecoveryExpr, as libclang shows it */
Expr *lower_recovery(Lower *L, CXCursor e, Want w, Path *dst);
Path *recovery_lvalue(Lower *L, CXCursor e); /* `p->f` of an incomplete struct, or NULL */
/* Arguments that are recovered expressions, spread into paths. */
Expr **recovery_args(Lower *L, Expr **args, int *nargs);
bool recovery_wanted(Lower *L, CXCursor c); /* clang reported an error inside c */
/* A compound statement, with the statements clang dropped read back. */
void lower_compound_recovering(Lower *L, CXCursor c);
/* dst = the initializer clang dropped from the declaration of `var`, if any. */
void recover_init(Lower *L, CXCursor var, Path *dst);

/* Statements (lower.c); lower_expr.c needs them for statement expressions. */
void lower_stmt(Lower *L, CXCursor s);
void scope_push(Lower *L, CXCursor owner);
void scope_pop(Lower *L, Loc loc); /* emits the scope's cleanups if reachable */
/* Declares the variables of a DeclStmt and lowers their initializers. */
void lower_decl_stmt(Lower *L, CXCursor s);

#endif
