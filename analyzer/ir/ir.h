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

/* The functions a function-pointer variable may hold: every value stored
   into it in the unit (in whole-program runs, after unit_merge_fnptrs, in
   the program). Known only when each store is a function designator (or
   NULL) and the variable's address is never taken. */
typedef struct FnTargets {
  const char *name; /* the variable */
  bool is_extern;   /* external linkage: other units may store into it */
  bool unknown;     /* some store is not a known function */
  const char **targets;
  int ntargets;
} FnTargets;

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
  /* A function-pointer variable of the unit (local, static or file-scope):
     what it may point to; NULL for other variables and for parameters. */
  FnTargets *fn_targets;
  /* VAR_LOCAL: an array declared without an initializer (`int fds[2];`):
     an element no statement wrote holds no value, and a branch on it is
     undefined behaviour, not a path the program can take. */
  bool no_init;
  /* VAR_GLOBAL: the program never changes it after its initializer (a const
     object, or one never written nor address-taken where every writer would
     be seen: ir_fix_globals), so every read is `fixed_value`. */
  bool fixed;
  long fixed_value;
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
  /* A member of a union: the union's first member, the storage every
     member shares (`h.fp` and `h.ptr` are one cell). NULL otherwise. */
  const char *storage;
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
  /* Indirect call through a variable or struct member: its access path with
     '->' written '.' ("cfg.hooks.alloc" for cfg.hooks->alloc(n), also when a
     macro such as `#define malloc(n) cfg.hooks->alloc(n)` wrote it), and for
     a member, "STRUCT.member" naming the struct type declaring it
     ("hooks.alloc"). NULL when the call goes through anything else. Rules
     named like "hooks.alloc" match either (rules_find_indirect). */
  const char *fnptr_path;
  const char *fnptr_member;
  /* Indirect call through a variable (`fp(x)`, `(*fp)(x)`): that variable
     (NULL for calls through struct members, array elements, call results). */
  Var *fnvar;
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
  TypeClass *param_types; /* nparams entries; NULL without a prototype */
  bool variadic;
  /* Bit i: parameter i is a pointer to const (`const char *`, `const struct
     conn *`): the callee cannot free what it points to without a cast. */
  unsigned const_params;
  /* Declared __attribute__((format(printf, ...))): a printing or logging
     function, which only reads its arguments. */
  bool printf_like;
  OwnershipAttr *attrs;
  int nattrs;
  /* How the unit uses the function (frontend uses.c): direct calls, and
     whether it is referenced any other way (its address taken: a callback,
     a table entry), which means callers the analysis cannot see. */
  int ncalls;
  int nrefs; /* references of any kind, calls included */
  bool addr_taken;
  bool called_outside; /* called from code not lowered (an inline function in a header) */
  bool is_static;
  bool exported; /* marked for export: an explicit visibility("default") or dllexport */
  bool hidden;   /* hidden visibility (-fvisibility=hidden or the attribute) */
} FuncDecl;

/* A file-scope variable this unit defines, with its initial value when
   that is an integer constant (0 for a definition without initializer). */
typedef struct GlobalVar {
  const char *name;
  bool is_static;
  bool is_const;
  bool has_value;
  long value;
} GlobalVar;

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
  FnTargets **fnptrs; /* every function-pointer variable the unit stores into or calls */
  int nfnptrs;
  Diag **diags;
  int ndiags;
  bool fatal;           /* nothing could be parsed at all */
  bool headers_missing; /* an #include was not found: declarations are missing */
  GlobalVar **globals;  /* file-scope integer variables defined here */
  int nglobals;
  const char **written; /* file-scope variables assigned or address-taken in this unit */
  int nwritten;
  /* The front end recorded the above and FuncDecl's use counts (libclang's
     does; without them no variable is fixed and no caller is known). */
  bool uses_known;
  /* Every file the unit included, directly or not (real paths, each once):
     what a cached result of the unit depends on besides the file itself. */
  const char **includes;
  int nincludes;
} Unit;

/* ---- Construction helpers (used by the front end and by unit tests) ---- */

Unit *unit_new(const char *path);
/* A unit living wholly inside `r` (see ArenaRegion): unit_delete frees
   nothing, the region's owner releases the memory. */
Unit *unit_new_in(const char *path, ArenaRegion *r);
void unit_delete(Unit *u);
const char *unit_intern_file(Unit *u, const char *file);
FuncDecl *unit_find_decl(const Unit *u, const char *name);

/* Whole-program runs: a function-pointer variable with external linkage
   may hold what any unit stores into it; afterwards each unit's FnTargets
   for it lists the program's stores. */
void unit_merge_fnptrs(Unit **units, int nunits);
/* The known targets of v, or NULL (not a function pointer, or some store
   into it is not a known function). */
const FnTargets *var_fn_targets(const Var *v);
/* Adds function `name` (kept as given: the caller's arena owns it) to t's
   targets, once. */
void fn_targets_add(Arena *a, FnTargets *t, const char *name);
/* Marks the reads of file-scope variables the program never changes after
   their initializer (Var.fixed). Per unit: const objects and static ones
   the unit never writes nor takes the address of. With whole_program, when
   the units are a complete program (ir_is_program): also external ones
   defined once and never written nor address-taken in any unit. */
void ir_fix_globals(Unit **units, int nunits, bool whole_program);
/* One of the units defines main: together they are a program, whose
   external functions and variables no unit outside them can reach
   (a library's can be, by its users). */
bool ir_is_program(Unit **units, int nunits);

/* After all blocks are built: computes predecessors and drops nothing else. */
void ir_finish(Func *f);

/* ---- Printing (connlint --dump-cfg) ------------------------------------- */

const char *cmp_op_str(CmpOp op);
bool cmp_fold(CmpOp op, long a, long b); /* a OP b on constants */
CmpOp cmp_negate(CmpOp op);              /* !(a < b) == (a >= b) */
CmpOp cmp_swap(CmpOp op);                /* (a < b) == (b > a) */

/* Appends a C-like rendering of a path or expression. */
void path_print(Arena *a, Buf *out, const Path *p);
/* How rules name the pointer a call goes through: "cfg.hooks.alloc" for
   cfg.hooks->alloc, variables and members only ((*fp)(x) is fp); NULL for
   anything else. */
const char *path_member_text(Arena *a, const Path *p);
void expr_print(Arena *a, Buf *out, const Expr *e);
void stmt_print(Arena *a, Buf *out, const Stmt *s);

bool path_equal(const Path *a, const Path *b);

/* Text and Graphviz renderings of one function's CFG. */
void ir_dump_text(Arena *a, Buf *out, const Func *f);
void ir_dump_dot(Arena *a, Buf *out, const Func *f);

#endif
