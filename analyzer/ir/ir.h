/*
 * ir.h - connlint's intermediate representation: one control-flow graph per
 * C function, owned by the engine and free of any libclang type.
 *
 * The front end lowers every function body into this form; everything after
 * it (engine, summaries, dumps) reads only this header. The IR is deliberately
 * small:
 *
 *   - Values are access paths (x, x.f, p->f, a[i], *p) rooted at a variable.
 *   - Expressions never contain calls: the front end hoists each call into
 *     its own statement whose result goes to a temporary, so `if (connect(fd,
 *     ...) < 0)` becomes `t1 = connect(fd, ...); branch t1 < 0`.
 *   - A statement is an assignment or a call. Returns, branches, switches and
 *     calls that never return are block terminators.
 *   - Branch conditions are always one comparison `lhs OP rhs`: `!e` swaps the
 *     successors, `if (p)` becomes `p != 0`, and `&&`/`||` become separate
 *     blocks with short-circuit edges.
 *   - `__attribute__((cleanup(fn)))` is made explicit: the front end emits the
 *     call `fn(&var)` on every edge that leaves the variable's scope.
 *
 * All IR memory lives in the Unit's arena.
 *
 * Stage ir: uses support only. The front end writes it; rules, the engine,
 * summaries and reports read it.
 */
#ifndef CONNLINT_IR_H
#define CONNLINT_IR_H

#include "arena.h"

#include <stdbool.h>

/* A source position. `file` is interned per unit: compare pointers. */
typedef struct Loc {
  const char *file;
  int line;
  int col;
} Loc;

/* Where code that came from a macro expansion was spelled (line 0: not a macro). */
typedef struct MacroLoc {
  Loc spelling;
  const char *macro; /* name of the macro expanded, when known */
} MacroLoc;

/* ---- Variables ---------------------------------------------------------- */

typedef enum {
  VAR_LOCAL,  /* automatic variable of the function */
  VAR_PARAM,  /* parameter */
  VAR_GLOBAL, /* file-scope or extern variable */
  VAR_STATIC, /* block-scope static: outlives the call, like a global */
  VAR_TEMP,   /* introduced by lowering (hoisted call results, ?: values) */
} VarKind;

typedef enum {
  TY_OTHER,   /* floating, void, unknown */
  TY_INT,     /* integer, enum, bool, char */
  TY_POINTER, /* any pointer, including function pointers */
  TY_RECORD,  /* struct or union */
  TY_ARRAY,
} TypeClass;

typedef struct Var {
  int id; /* index in Func.vars */
  const char *name;
  VarKind kind;
  TypeClass type;
  const char *type_name; /* spelling, e.g. "FILE *", "struct conn" */
  Loc loc;               /* declaration */
  /* For VAR_TEMP holding a call result: the callee, so explanations can say
     "assuming connect() fails" instead of naming a temporary. */
  const char *origin_call;
  /* __attribute__((cleanup(fn))): the function run at scope exit (NULL if none). */
  const char *cleanup;
  /* An unsigned integer type (size_t, unsigned char, uint32_t, bool; never a
     pointer): the value is never negative, so after `if (n)` a loop
     `for (i = 0; i < n; i++)` runs at least once. */
  bool is_unsigned;
} Var;

/* ---- Access paths ------------------------------------------------------- */

typedef enum {
  PATH_VAR,   /* x */
  PATH_FIELD, /* base.name */
  PATH_ARROW, /* base->name */
  PATH_INDEX, /* base[index] */
  PATH_DEREF, /* *base */
} PathKind;

typedef struct Expr Expr;

typedef struct Path {
  PathKind kind;
  struct Path *base; /* all but PATH_VAR */
  Var *var;          /* PATH_VAR; for others, the root variable (cached) */
  const char *field; /* PATH_FIELD, PATH_ARROW */
  /* PATH_INDEX: a constant index when index_known, otherwise the index
     expression (may be NULL when it could not be lowered). */
  bool index_known;
  long index;
  Expr *index_expr;
} Path;

/* ---- Expressions (call-free) ------------------------------------------- */

typedef enum {
  CMP_EQ,
  CMP_NE,
  CMP_LT,
  CMP_LE,
  CMP_GT,
  CMP_GE,
} CmpOp;

typedef enum {
  EXPR_CONST,   /* integer constant; `is_null` for NULL / (void *)0 */
  EXPR_STRING,  /* string literal */
  EXPR_PATH,    /* read of an access path */
  EXPR_ADDR,    /* &path */
  EXPR_FUNC,    /* a function designator (name), e.g. a callback */
  EXPR_CMP,     /* a OP b, as a value: int ok = fd >= 0; */
  EXPR_OP,      /* any other operator; operands kept so values can be traced. Operator
                   "?": code clang could not type-check (a header is missing), reading
                   the paths in ops */
  EXPR_UNKNOWN, /* anything the front end could not express */
} ExprKind;

struct Expr {
  ExprKind kind;
  Loc loc;
  long value;       /* EXPR_CONST */
  bool is_null;     /* EXPR_CONST written as NULL or a null pointer cast */
  const char *text; /* EXPR_STRING contents; EXPR_FUNC name; EXPR_OP operator spelling */
  Path *path;       /* EXPR_PATH, EXPR_ADDR */
  CmpOp cmp;        /* EXPR_CMP */
  Expr **ops;       /* EXPR_CMP (2), EXPR_OP (nops) */
  int nops;
  /* EXPR_PATH, EXPR_OP: the value has an unsigned integer type, so it is
     never negative (`n >= 0` holds for a size_t n). EXPR_CMP: the operands
     are compared as unsigned, so `n - 1 < m` does not mean what it would
     for int. Lets the engine drop paths C arithmetic cannot take. */
  bool is_unsigned;
  bool is_float; /* EXPR_UNKNOWN: a floating constant, `text` its value */
  /* EXPR_UNKNOWN: a name whose value the front end cannot know (a macro
     from a header the tree-sitter front end did not read); `text` is the
     name, which explanations print as written. */
  bool is_name;
};

/* ---- Statements --------------------------------------------------------- */

typedef enum {
  STMT_ASSIGN, /* lhs = rhs */
  STMT_CALL,   /* [lhs =] callee(args) */
} StmtKind;

typedef struct Stmt {
  StmtKind kind;
  Loc loc;
  MacroLoc macro;
  Path *lhs; /* ASSIGN: target; CALL: result target or NULL when discarded */
  Expr *rhs; /* ASSIGN */
  /* CALL */
  const char *callee; /* direct callee name, or NULL for an indirect call */
  Expr *fnptr;        /* indirect call: the called expression */
  Expr **args;
  int nargs;
  /* The call as written, whitespace-normalized (e.g. "socket(AF_INET, SOCK_STREAM, 0)"):
     used in messages and as a line-independent fingerprint. */
  const char *text;
  /* The call was emitted by lowering for a cleanup attribute at scope exit. */
  bool is_cleanup;
} Stmt;

/* ---- Blocks and terminators -------------------------------------------- */

typedef enum {
  TERM_JUMP,     /* to succ[0] */
  TERM_BRANCH,   /* lhs OP rhs ? succ[0] : succ[1] */
  TERM_SWITCH,   /* on value: succ[i] for case i, succ[nsucc-1] is default */
  TERM_RETURN,   /* return [value]; to the function's exit */
  TERM_NORETURN, /* the path ends: exit(), abort(), __builtin_unreachable() */
} TermKind;

typedef struct Block Block;

typedef struct SwitchCase {
  long lo, hi; /* case lo ... hi (GNU ranges); lo == hi for a single case */
} SwitchCase;

typedef struct Term {
  TermKind kind;
  Loc loc;
  /* TERM_BRANCH: the condition, always a comparison. */
  CmpOp cmp;
  Expr *lhs, *rhs;
  /* TERM_SWITCH scrutinee; TERM_RETURN value (NULL for `return;`). */
  Expr *value;
  /* TERM_SWITCH: cases[i] leads to succ[i]; the last successor is the default
     (the block after the switch when there is no default label). */
  SwitchCase *cases;
  int ncases;
  Block **succ;
  int nsucc;
  /* TERM_NORETURN: the call that ended the path, for notes. */
  const char *noreturn_callee;
  /* TERM_JUMP produced by a source construct worth naming in a path
     ("goto fail", "break", "continue"); NULL for plain fallthrough. */
  const char *jump_kind;
} Term;

struct Block {
  int id; /* index in Func.blocks; 0 is the entry */
  Stmt **stmts;
  int nstmts;
  Term term;
  /* Predecessors, filled by ir_finish(). */
  Block **preds;
  int npreds;
  const char *label; /* source label (goto target) starting this block, if any */
};

/* ---- Functions and units ----------------------------------------------- */

typedef struct Func {
  const char *name;
  Loc loc; /* the function's name in its definition */
  Loc end; /* its closing brace */
  bool is_static;
  bool noreturn; /* declared _Noreturn / __attribute__((noreturn)) */
  TypeClass ret_type;
  Var **vars; /* params first, in order, then locals, temps, referenced globals */
  int nvars;
  int nparams;
  Block **blocks; /* blocks[0] is the entry; unreachable blocks may remain */
  int nblocks;
  struct Unit *unit;
} Func;

/* What the analyzed code itself says about a function it declares. */
typedef enum {
  OWN_NONE,
  OWN_RETURNS, /* __attribute__((ownership_returns(kind[, size]))) */
  OWN_TAKES,   /* __attribute__((ownership_takes(kind, idx...))) */
  OWN_HOLDS,   /* __attribute__((ownership_holds(kind, idx...))) */
} OwnershipKind;

typedef struct OwnershipAttr {
  OwnershipKind kind;
  const char *module; /* the attribute's first argument, e.g. "malloc" */
  int *args;          /* 0-based parameter indices for takes/holds */
  int nargs;
} OwnershipAttr;

typedef struct FuncDecl {
  const char *name;
  Loc loc;
  bool noreturn;
  bool has_body; /* defined in this unit */
  int nparams;
  bool variadic;
  OwnershipAttr *attrs;
  int nattrs;
} FuncDecl;

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } DiagLevel;

/* A problem met while building the unit (parse error, missing header). */
typedef struct Diag {
  DiagLevel level;
  Loc loc;
  const char *msg;
} Diag;

typedef struct Unit {
  Arena arena;      /* owns everything reachable from this Unit */
  const char *path; /* the main source file as given */
  Func **funcs;
  int nfuncs;
  FuncDecl **decls; /* every function declared or defined, by name */
  int ndecls;
  Diag **diags;
  int ndiags;
  bool fatal;           /* nothing could be parsed at all */
  bool headers_missing; /* an #include was not found: declarations are missing */
} Unit;

/* ---- Construction helpers (used by the front end and by unit tests) ---- */

Unit *unit_new(const char *path);
void unit_delete(Unit *u);
const char *unit_intern_file(Unit *u, const char *file);
FuncDecl *unit_find_decl(const Unit *u, const char *name);

/* After all blocks are built: computes predecessors and drops nothing else. */
void ir_finish(Func *f);

/* ---- Printing (connlint --dump-cfg) ------------------------------------- */

const char *cmp_op_str(CmpOp op);
bool cmp_fold(CmpOp op, long a, long b); /* a OP b on constants */
CmpOp cmp_negate(CmpOp op);              /* !(a < b) == (a >= b) */
CmpOp cmp_swap(CmpOp op);                /* (a < b) == (b > a) */

/* Appends a C-like rendering of a path or expression. */
void path_print(Arena *a, Buf *out, const Path *p);
void expr_print(Arena *a, Buf *out, const Expr *e);
void stmt_print(Arena *a, Buf *out, const Stmt *s);

bool path_equal(const Path *a, const Path *b);

/* Text and Graphviz renderings of one function's CFG. */
void ir_dump_text(Arena *a, Buf *out, const Func *f);
void ir_dump_dot(Arena *a, Buf *out, const Func *f);

#endif
