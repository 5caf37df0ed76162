/*
 * tsfront_int.h - the tree-sitter front end's internals, shared by its
 * files: tsfront.c (parsing, the file's declarations, the #if policy,
 * syntax errors), ts_types.c (types from declarations, from use and from the
 * rules), ts_stmt.c (statements and control flow, one function from start
 * to finish) and ts_expr.c (expressions, conditions, initializers, macro
 * calls).
 *
 * This is the only header that names tree-sitter types; nothing outside
 * this folder includes it.
 */
#ifndef CONNLINT_TSFRONT_INT_H
#define CONNLINT_TSFRONT_INT_H

#include "cfgbuild.h"
#include "ir.h"
#include "rules.h"

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_c(void);

/* ---- What the file says about types -------------------------------------- */

typedef struct TypeInfo {
  TypeClass cls;
  bool is_unsigned;
  const char *name;   /* spelling for dumps: "FILE *", "struct conn", "char[512]" */
  const char *record; /* struct/union key ("struct conn", or a typedef name) */
} TypeInfo;

/* A record's member names in declaration order, for positional initializers,
   and which of them are unsigned integers (a count read from `l->len`). */
typedef struct Fields {
  const char **names;
  const char **records; /* each member's record key, or NULL (a call through h->alloc) */
  bool *is_unsigned;
  int n;
} Fields;

/* A macro the file defines. Function-like ones whose body parses are
   expanded at their call sites (ts_expr.c). */
typedef struct Macro {
  const char *name;
  bool function_like;
  bool variadic;
  const char **params;
  int nparams;
  const char *body; /* the replacement text, line continuations removed */
  Loc loc;
} Macro;

/* ---- One unit ---------------------------------------------------------- */

struct TsUnit;
/* Records Unit.globals/written and FuncDecl use counts (ts_uses.c). */
void ts_scan_uses(struct TsUnit *t, TSNode root);
/* Records Unit.fnptrs, TsUnit.fnptr_at and fnptr_file (ts_fnptr.c): run
   after the declarations are read, before any function is lowered. */
void ts_scan_fnptrs(struct TsUnit *t, TSNode root);
/* The entry of the block-scope function-pointer variable whose name starts
   at byte `at` of the file, or NULL. */
FnTargets *ts_fnptr_local(struct TsUnit *t, uint32_t at);
/* One of the variables the C library's headers declare (errno, stdout). */
bool ts_header_variable(const char *name);

typedef struct TsUnit {
  Unit *u;
  Arena *a; /* the unit's arena */
  const char *file;
  const char *src; /* the file's text */
  uint32_t len;
  const RuleSet *rules; /* type hints; may be NULL */
  TSParser *parser;     /* also parses macro expansions */
  Map decls;            /* name -> FuncDecl */
  Vec declv;
  Map ret_types; /* function name -> TypeInfo of its result */
  Map globals;   /* file-scope variable -> TypeInfo */
  Map typedefs;  /* typedef name -> TypeInfo */
  Map records;   /* record key -> Fields */
  /* Member name -> the first member of the union declaring it, for names
     that are members of unions only (no struct of the unit has one): the
     storage every member of that union shares (Path.storage). */
  Map union_members;
  Map struct_members; /* member names of structs: such names stay ambiguous */
  Map enums;          /* enumerator -> long * */
  Map macros;         /* name -> Macro */
  /* Function-pointer variables (ts_fnptr.c): block-scope ones by the start
     byte of their declared name, file-scope and extern ones by name. */
  Map fnptr_at;
  Map fnptr_file;
  Loc too_deep; /* the first construct nested past MAX_NESTING (line 0: none) */
} TsUnit;

/* Lowering recurses on the syntax tree; deeper than this, the rest of a
   construct is not lowered (its calls are not seen) and the unit says so. */
enum { MAX_NESTING = 1500 };

/* The children of a node with their field names (NULL: none). tree-sitter
   0.20's ts_node_field_name_for_child misses repeated fields (the second
   declarator of `int a, *b;`); a tree cursor does not. */
typedef struct TsIter {
  TSTreeCursor c;
  int state;
} TsIter;

void ts_iter_begin(TsIter *it, TSNode n);
bool ts_iter_next(TsIter *it, TSNode *kid, const char **field);
void ts_iter_end(TsIter *it);

/* Source text of a node in `text`, copied into the unit's arena. */
const char *ts_text(TsUnit *t, const char *text, TSNode n);
/* The same, whitespace-collapsed and capped as call texts are. */
const char *ts_text_collapsed(TsUnit *t, const char *text, TSNode n);
bool ts_is(TSNode n, const char *type);
TSNode ts_field(TSNode n, const char *name);
FuncDecl *ts_decl(TsUnit *t, const char *name, Loc loc);

/* The #if policy: the children of a preproc_if/ifdef/elif that are taken.
   Calls fn on each taken child. */
void ts_preproc_taken(TsUnit *t, const char *text, TSNode n, void (*fn)(void *, TSNode), void *arg);

/* The value of a constant the built-in packs' success tests use
   (SQLITE_OK, CURLE_OK, MAP_FAILED, EOF...), as the headers define it
   (ts_consts.c). */
bool ts_known_constant(const char *name, long *value);

/* ---- Types (ts_types.c) -------------------------------------------------- */

/* The type of the declarator `decl` (may be null: the bare type) over the
   type specifier `type`; *name gets the declared identifier (or NULL). */
TypeInfo ts_declared_type(TsUnit *t, const char *text, TSNode type, TSNode decl, const char **name);
/* The same over a base type already known. */
TypeInfo ts_declarator_type(TsUnit *t, const char *text, TypeInfo base, TSNode decl,
                            const char **name);
/* The type a bare type name spells ("int", "unsigned long", "conn_t"). */
TypeInfo ts_type_named(TsUnit *t, const char *name);
/* The result type of a function declared `type decl` (decl holds the
   function_declarator, perhaps under pointer declarators). */
TypeInfo ts_return_type(TsUnit *t, const char *text, TSNode type, TSNode decl);
/* The type a call's value has: the file's declaration of the callee, else
   what the rules say it returns (NULL tests: a pointer; >= 0: an int). */
TypeInfo ts_call_type(TsUnit *t, const char *callee);
/* Reads the file's typedefs, records and enumerations from a top-level node. */
void ts_types_collect(TsUnit *t, TSNode n);
/* The storage a member named `member` shares, when only unions have a
   member of that name; NULL otherwise. */
const char *ts_union_storage(TsUnit *t, const char *member);

/* ---- One function (ts_stmt.c, ts_expr.c) --------------------------------- */

typedef struct Scope {
  struct Scope *up;
  uint32_t from, to; /* the bytes of the statement opening it (a goto's label inside stays in it) */
  bool in_macro;
  Vec shadowed; /* Binding *: names this scope declared, and what they hid */
  Vec cleanups; /* Var * with a cleanup, in declaration order */
} Scope;

typedef struct JumpTarget {
  BB *bb; /* NULL: no enclosing loop/switch */
  Scope *scope;
} JumpTarget;

typedef struct SwitchCtx {
  Vec cases;   /* SwitchCase *: known values */
  Vec blocks;  /* BB *, parallel to cases */
  Vec others;  /* TSNode *: case values that are not constants (macros from headers) */
  Vec oblocks; /* BB *, parallel to others */
  BB *dflt;
  BB *fresh;
  const char *text; /* the buffer the case values are in */
} SwitchCtx;

typedef struct TL {
  TsUnit *t;
  Arena *a; /* the unit's arena */
  Arena scratch;
  const char *text; /* the buffer nodes point into: the file, or a macro expansion */
  /* Inside a macro expansion: every location is the invocation's. */
  bool in_macro;
  Loc macro_at;
  MacroLoc macro;
  int macro_depth;
  Vec blocks;   /* BB * in creation order */
  Vec vars;     /* Var * */
  Map names;    /* name -> Var, the innermost in scope */
  Map labels;   /* name -> BB */
  Map label_at; /* name -> TSNode * of its labeled_statement, found on first need */
  bool labels_scanned;
  TSNode body;
  Map pointer_use; /* names used as pointers in this body (->, *x, == NULL) */
  Loc here;
  TSNode anchor; /* the assignment or declaration values are delivered for (null: none) */
  BB *cur;       /* NULL: unreachable */
  Scope *scope;
  JumpTarget brk, cont;
  SwitchCtx *sw;
  const char *pending_cleanup; /* an attribute macro read as a declaration of its own */
  int ntemps;
  int depth; /* of statements and expressions being lowered */
  Func *f;
} TL;

/* Enters one level of nesting; false (noting where) past MAX_NESTING. */
bool tl_deeper(TL *L, TSNode n);

typedef enum { WANT_VALUE, WANT_INTO, WANT_NONE } Want;

Loc tl_loc(TL *L, TSNode n);
BB *tl_bb_new(TL *L);
void tl_emit(TL *L, Stmt *s);
void tl_jump(TL *L, BB *to, const char *kind, Loc loc);
void tl_branch(TL *L, CmpOp op, Expr *lhs, Expr *rhs, BB *t, BB *f, Loc loc);
void tl_noreturn(TL *L, const char *callee, Loc loc);
void tl_enter(TL *L, BB *b);
Var *tl_var(TL *L, const char *name, VarKind kind, TypeInfo ty, Loc loc);
Var *tl_temp(TL *L, TypeInfo ty, const char *origin, Loc loc);
Var *tl_lookup(TL *L, const char *name); /* locals, params, then file-scope variables */
/* dst = v, located at `at` (or at the anchor when one is set). */
void tl_assign(TL *L, Path *dst, Expr *v, TSNode at);
Path *tl_path_var(TL *L, Var *v);
void tl_stmt(TL *L, TSNode s);
void tl_declaration(TL *L, TSNode d);
void tl_scope_push(TL *L, TSNode owner);
void tl_scope_pop(TL *L, Loc loc);

Func *ts_function(TsUnit *t, TSNode def);

Expr *tl_as(TL *L, TSNode e, Want w, Path *dst);
Expr *tl_value(TL *L, TSNode e);
void tl_discard(TL *L, TSNode e);
void tl_cond(TL *L, TSNode e, BB *t, BB *f);
void tl_init(TL *L, Path *dst, TSNode init, TypeInfo ty, TSNode at);
Expr *tl_const(TL *L, long v, Loc loc);
Expr *tl_unknown(TL *L, const char *what, Loc loc);
bool tl_case_value(TL *L, TSNode e, long *out);
const char *tl_expand_text(TL *L, const char *text, int depth);

#endif
