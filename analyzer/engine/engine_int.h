/*
 * engine_int.h - the engine's private model, shared by its few files.
 *
 *   engine.c        the driver: worklist over (block, state), terminators,
 *                   budgets, leak checks at path ends
 *   engine_call.c   what a call statement does: rules, the caller's lookup,
 *                   unknown callees, cleanup calls (acquire, release, escape,
 *                   transfer)
 *   engine_state.c  the abstract state: memory cells, values, resources;
 *                   reads, writes, escapes, canonical form, equality, joins
 *   engine_cond.c   facts on values (intervals, excluded points) and the
 *                   reasoning on branch conditions and success conditions
 *   engine_trace.c  path events and their explanations; turning what the
 *                   exploration recorded into Findings
 *   engine_live.c   variable liveness, so dead variables drop out of states,
 *                   and natural loops, to tell loop-local variables apart
 *   engine_fix.c    where inserting the release call would fix a leak: the
 *                   states seen at each return and goto, checked at the end
 *   engine_summarize.c  folds the paths recorded in summary mode into one
 *                   FuncRule: the function's summary
 *   engine_transit.c  states queued for one step only, freed once explored
 *   engine_derefs.c parameters a function dereferences before any branch
 *
 * The model. Memory is a set of cells: a variable, or the object some value
 * points to, followed by a chain of field/index steps (`c.fd` is var c +
 * .fd; `p->fd` is the object of p's value + .fd, so copies of a pointer
 * reach the same cells). A state maps cells to value ids; values carry facts
 * (an interval with up to two excluded points, or "address of cell X").
 * Copies share a value id, so a test on one copy is a fact about all.
 * Resources are identified by the value that holds them (or, for locks, by
 * the cell locked) and carry the success condition of their acquisition: a
 * resource whose condition contradicts the facts was never acquired on this
 * path and simply disappears, as does one whose value no rule would return
 * for its kind (a NULL pointer, a descriptor equal to -1).
 *
 * Everything of one function's analysis lives in the two arenas of its Ctx
 * (one for what outlives a worklist step, one emptied before each step),
 * freed when the function is done.
 */
#ifndef CONNLINT_ENGINE_INT_H
#define CONNLINT_ENGINE_INT_H

#include "engine.h"

#include <stdint.h>

/* ---- Cells and chains -------------------------------------------------- */

/* root >= 0: variable id; root < 0: the object value (-root - 1) points to.
   chain: interned field/index steps below the root (0: none). */
typedef struct Cell {
  int root;
  int chain;
} Cell;

#define ROOT_OF_VAL(v) (-(v)-1)
#define VAL_OF_ROOT(r) (-(r)-1)

typedef struct ChainNode {
  int parent;
  int depth;
  bool is_index;
  const char *field; /* interned: compare pointers */
  long index;
} ChainNode;

/* ---- Values ------------------------------------------------------------ */

/* VK_DERIVED: this value is (cmp_val cmp_op cmp_c) with cmp_op an
   arithmetic operator character (engine_arith.c). */
enum { VK_PLAIN, VK_ADDR, VK_CMP, VK_DERIVED };

/* Where a value came from when it was read from memory the caller can see
   (a parameter, or cells reached from one): `arg0`, `arg0->fd`. Used by
   summaries; interned per function. */
typedef struct Origin {
  int id; /* its place in x->origins: the order the function met it */
  int arg;
  TargetStep steps[TARGET_MAX_STEPS];
  int nsteps;
} Origin;

typedef struct Val {
  long lo, hi; /* the value lies in [lo, hi] ... */
  long ne[2];  /* ... and is none of ne[0..nne) */
  uint8_t nne;
  uint8_t kind;
  uint8_t cmp_op; /* VK_CMP: this value is (cmp_val cmp_op cmp_c), 0 or 1 */
  bool inexact;   /* VK_ADDR: of some element inside addr (`&a[i]`, unknown i) */
  bool stepped;   /* a constant computed from variables (`i + 1`): see widen_at_head */
  /* A count some loop `for (i = 0; i < n; i++)` was assumed to run zero
     times over: a later loop over it that cannot run was skipped by that
     assumption, not by a count the program set (do_branch). */
  bool count_skipped;
  /* A loop counter widened at its loop head after counting up to lo: the
     turns below lo were followed one by one (widen_at_head). */
  bool counted;
  /* Read from an element of a local array no statement wrote (Var.no_init):
     a branch on it ends the path (undefined behaviour). */
  bool uninit;
  Cell addr; /* VK_ADDR: the address of this cell */
  int cmp_val;
  long cmp_c;
  int base;             /* pointer arithmetic: derived from this value (-1: none) */
  const Origin *origin; /* summaries: read from caller-visible memory */
} Val;

/* ---- Resources ----------------------------------------------------------- */

/* RS_HANDED: stored where the caller sees it (`*out = fd`, `c->fd = fd`
   with c a parameter), so the caller's if this function succeeds. Kept
   (outside summaries) so a return that reports failure can tell it left
   the resource there: callers treat failure as "nothing acquired". */
enum { RS_OWNED, RS_RELEASED, RS_HANDED };

typedef struct Trace Trace;

typedef struct Res {
  const ResKind *kind;
  const Stmt *acq;
  long acq_key;         /* block id << 20 | statement index: stable order */
  const FuncRule *rule; /* the acquiring rule or summary (names helpers) */
  int val;              /* the value that is the resource; -1 for locks */
  Cell lock;            /* scoped kinds: the cell that is locked */
  int cond_val;         /* value whose facts decide success; -1: cannot fail */
  CmpOp cond_op;
  long cond_c;
  uint8_t status;
  bool nullable; /* a pointer: when it is NULL it owns nothing */
  /* Locks the function was entered holding: caller_held marks the unlock
     of a lock not taken here (acq is that unlock), relock the lock taken
     again after it, which the function returns to its caller as it got it. */
  bool caller_held, relock;
  /* The values a live resource of this kind can have, from the rules that
     return one (`ret >= 0` for sockets): any other value owns nothing, as
     after `if (s[1] == -1)` on a pair socketpair() filled. */
  uint8_t nvalid;
  uint8_t valid_op[2];
  long valid_c[2];
  /* `refs`: references taken beyond the first; a release drops one and the
     last one releases the resource. Bounded by MAX_REFS. */
  uint8_t refs;
  /* The object releases what was stored in it when it is released
     (`owns elements`: list_new(free_fn)). */
  bool owns_elems;
  /* Lives for the whole process by intent (`permanent`): never a leak. */
  bool permanent;
  /* Also held in memory the exploration stopped following (the previous
     node of a list built in a loop, beyond the depth states keep):
     another reference exists, so dropping this one loses nothing, and
     what becomes of it is that structure's fate, reported through its
     head. */
  bool linked;
  /* RS_HANDED: the parameter whose memory holds it, and whether it is a
     field of a struct the caller passed (`c->fd`) rather than an
     out-parameter (`*out`, `fds[1]`). */
  int8_t hand_arg;
  bool hand_field;
  const Stmt *released_at; /* first release, for double-release messages */
  const Trace *trace;      /* the acquisition event (not part of identity) */
} Res;

/* Summaries: what this path did to caller-visible values. PE_ESCAPED_DEREF:
   the value the origin names (`*arg1`) was copied into memory this
   function does not own (a container's add: memcpy(slot, item, size)); the
   caller's pointer itself stays its own. PE_MOVED: a
   parameter's resource moved into one acquired here (when that succeeded).
   PE_RELEASED_SOME: handed to a helper that releases it on some of its
   paths only; the family is kept so callers still see which one. */
enum { PE_RELEASED, PE_ESCAPED, PE_OUT_ACQ, PE_MOVED, PE_RELEASED_SOME, PE_ESCAPED_DEREF };

typedef struct ParamEffect {
  const Origin *origin;
  uint8_t what;
  const char *family;   /* PE_RELEASED, PE_RELEASED_SOME */
  const ResKind *kind;  /* PE_OUT_ACQ */
  const FuncRule *rule; /* PE_OUT_ACQ: the acquiring rule */
  const Stmt *acq;      /* PE_OUT_ACQ */
  int cond_val;         /* PE_OUT_ACQ: value deciding success (-1: none) */
  CmpOp cond_op;
  long cond_c;
  bool cond_on_self; /* PE_OUT_ACQ: decided by the acquired value itself */
  /* PE_OUT_ACQ kept by a join from one of the joined paths only: whether
     this path acquired is no longer known. */
  bool some_paths;
} ParamEffect;

/* ---- States -------------------------------------------------------------- */

typedef struct Slot {
  Cell cell;
  int val;
} Slot;

/* A fact relating two values, from a branch like `if (from < to)`: the
   relation is a set of {<, ==, >} (bit 1, 2, 4). */
typedef struct Rel {
  int a, b; /* a < b as value ids */
  uint8_t mask;
} Rel;

typedef struct State {
  Slot *slots;
  int nslots, cap_slots;
  Val *vals;
  int nvals, cap_vals;
  Res *res;
  int nres, cap_res;
  Cell *exposed; /* cells whose address left the function */
  int nexposed, cap_exposed;
  ParamEffect *pe;
  int npe, cap_pe;
  Rel *rels;
  int nrels, cap_rels;
  const Trace *trace;
  unsigned hash;
  bool dead;   /* superseded by a join while still queued */
  bool queued; /* in the worklist (engine.c frees it only once out) */
} State;

/* ---- Path events ----------------------------------------------------------- */

typedef enum {
  EV_ACQUIRE,   /* stmt: the acquiring call; kind */
  EV_BRANCH,    /* block: its branch; n: successor taken */
  EV_SWITCH,    /* block: its switch; n: successor taken */
  EV_JUMP,      /* block: a goto/break/continue */
  EV_OVERWRITE, /* stmt: assignment overwriting a holder */
  EV_RELEASE,   /* stmt: a release call */
  EV_END,       /* block: the return / noreturn ending the path */
  EV_SCOPE,     /* stmt: a loop-local holder declared again; text: its name */
  EV_HANDED,    /* a failing return leaves a resource in an out-parameter; n: the value */
} EvKind;

struct Trace {
  const Trace *prev;
  int depth;
  EvKind ev;
  long n; /* successor taken; EV_RELEASE: the resource's acq_key */
  Loc loc;
  const Block *block;
  const Stmt *stmt;
  const ResKind *kind;
  const char *text;
};

/* ---- Findings under construction ------------------------------------------- */

typedef struct Report {
  FindingKind kind;
  const Res *res;     /* copy of the resource at the first report */
  const Stmt *at;     /* overwrite / release / ignored call (NULL for leaks) */
  const char *holder; /* lost reference: the overwritten holder; mismatch: arg text */
  const FuncRule *release_rule;
  const char *family; /* mismatch: the family the call releases */
  const Stmt *first_release;
  Vec points;         /* Loc * */
  Vec fixcands;       /* FixCand *: where a release might fix a leak */
  const Trace *trace; /* shortest path found to the first point */
  Loc first;
  struct Report *next;
} Report;

/* A place where inserting the release might fix a leak: the exit a path
   left by (a return, or the goto it took to reach one), with the variable
   holding the resource there. engine_fix.c keeps it only when every state
   reaching that exit agrees. */
typedef struct FixCand {
  const Block *site; /* the block ending in the return or goto */
  bool is_goto;
  int holder; /* Var id */
  Loc point;  /* the leak point */
} FixCand;

/* ---- What one path did, for summaries ----------------------------------- */

/* An acquisition the caller will see: into an out-parameter, or a lock
   reached from a parameter left held. */
typedef struct PathAcq {
  const Origin *origin;
  const ResKind *kind;
  const FuncRule *rule;
  const Stmt *acq;
  bool may_succeed, may_fail;
  bool cond_is_ret;  /* success is decided by the returned value */
  bool cond_on_self; /* ... by the acquired value itself */
  CmpOp op;
  long c;
  bool some_paths; /* from a join of paths that did and did not acquire */
} PathAcq;

typedef struct OriginFact {
  const Origin *origin;
  Val facts;
} OriginFact;

typedef struct PathSummary {
  Loc loc;
  Vec moved; /* ParamEffect * (PE_MOVED) whose acquisition may have succeeded */
  bool has_value;
  Val ret;                  /* facts on the returned value */
  const Res *ret_res;       /* it is this owned resource (a copy), or NULL */
  bool ret_may_fail;        /* ... whose acquisition may have failed */
  bool ret_cond_is_ret;     /* ... with success decided by the returned value */
  const Origin *ret_origin; /* it is a value the caller passed in */
  ParamEffect *pe;          /* PE_RELEASED and PE_ESCAPED */
  int npe;
  PathAcq *acqs;
  int nacqs;
  OriginFact *facts;
  int nfacts;
  /* Pointer parameters whose pointee (`*arg0`) this path left non-zero
     (bit N: argument N). */
  unsigned nonzero;
} PathSummary;

/* One path's return, for lock protocols: what it returned and which
   scoped resources (by acquiring statement) it left held. */
typedef struct ReturnOutcome {
  Loc loc; /* the return */
  bool has_value;
  Val ret;
  const Stmt **held;
  int nheld;
  Val *params; /* facts on the values the caller passed, nparams of them */
  int nparams;
} ReturnOutcome;

/* ---- Per-function context ------------------------------------------------ */

typedef struct Ctx {
  /* Two arenas: `keep` for what outlives one worklist step (stored states,
     their traces, reports, interned names), `a` for the step's working
     state and temporaries, emptied before each step. */
  Arena keep;
  Arena a;
  const Func *f;
  const Callees *c;
  const EngineOptions *o;
  FindingList *out; /* NULL when only computing a summary */

  /* interned chains and field names */
  ChainNode *chains;
  int nchains, cap_chains;
  int *chain_hash;
  int chain_hash_cap;
  const char **strs;
  int nstrs, cap_strs;

  Vec origins; /* Origin * */

  /* liveness: bitsets of nvars bits per block */
  uint64_t *live_in;
  uint64_t *live_out;
  uint64_t *always_live; /* globals, statics, address-taken variables */
  uint64_t *table;       /* locals filled and passed, never read by name */
  int words;

  int max_ret_line; /* the last return, to call the others "early" */

  /* loops: per block, the innermost natural loop holding it (-1: none),
     and for each loop the source lines its body spans */
  int *loop_of;
  int (*loop_lines)[2];

  Report *reports;
  Vec validity;                 /* KindValidity *: per kind, the tests of rules returning it */
  int nreturns_reached;         /* distinct returns some path reached */
  Vec return_locs;              /* Loc * of those returns */
  Vec outcomes;                 /* ReturnOutcome *, each distinct one once */
  Map outcome_set;              /* the same, for finding duplicates */
  bool takes_locks;             /* some call here acquires a scoped resource */
  bool lock_released_somewhere; /* an unlock of a lock taken here */
  const char *released_own;     /* family of a release of nothing ours or the caller's */
  bool summary_mode;
  Vec path_sums; /* PathSummary *, one per returning path (summary mode) */
  /* ... and effects some joined path had, which the summary takes from any
     path alike (escapes, partial releases), kept once (engine_state.c) */
  Vec some_pe;      /* ParamEffect * */
  unsigned written; /* pointer parameters whose pointee some path wrote (`*arg0 = v`) */
  Map some_pe_set;
  bool budget_hit; /* stopped early: a summary would be unsound */
  int paths_left;  /* ... with this many paths still queued */
  bool over_bytes; /* ... at the memory budget rather than the state count */
  Vec fix_visits;  /* FixVisit * (engine_fix.c): states at returns and gotos */

  Vec indirect; /* IndirectCall *: what each call through a pointer does (engine_call.c) */
  Vec guards;   /* Guard *: memory whose facts decide a release (engine_guards.c) */
  /* Failing returns that leave a resource handed out (engine_handed.c): decided
     once every path is known, from the function's own convention and its
     callers'. */
  Vec handed_ends;       /* HandedEnd * */
  Vec bare_failures;     /* long *: negative constants returned with nothing handed out */
  bool handed_success;   /* a path handing something out returns a value >= 0 */
  bool hand_fields;      /* fields of a caller's struct are followed too (handed_fields_wanted) */
  Vec field_keys;        /* KeyArg *: acq_key of a resource stored into argument b's struct */
  Vec undo_failures;     /* KeyArg *: negative constant returned after releasing one, by arg */
  const Vec *fail_sites; /* FailSite *: how every caller treats failure, or NULL */

  /* budget */
  long nstates;
  long dropped;
  long hard_cap;      /* states a join point keeps before dropping more (engine.c) */
  long transit_bytes; /* transit states alive (engine_transit.c) */
  Map pe_pool;        /* PeList *: each distinct list of parameter effects, once */

  /* summary mode: the facts at each direct call (CallFacts *, in *calls_arena) */
  Vec *calls;
  Arena *calls_arena;
  Map call_recs; /* Stmt * -> its CallFacts */
  /* report mode: what every caller guarantees on the parameters, or NULL */
  const ArgFact *pre;
  /* ... and each call site's facts, when all are known (engine_sites.c) */
  const CallFacts *const *sites;
  int nsites;
  /* ... and the global fields main set up before calling it */
  struct CellFact {
    Cell cell;
    long lo, hi;
  } * gfacts;
  int ngfacts;
} Ctx;

/* engine_state.c */
State *state_new(Ctx *x);
State *state_clone(Ctx *x, const State *s);
int val_new(Ctx *x, State *s);
int val_const(Ctx *x, State *s, long c);
int val_addr(Ctx *x, State *s, Cell c);
int chain_step(Ctx *x, int parent, bool is_index, const char *field, long index);
bool chain_is_prefix(const Ctx *x, int prefix, int chain);
bool cell_within(const Ctx *x, Cell c, Cell prefix);
const char *intern_str(Ctx *x, const char *s);
bool cell_of_path(Ctx *x, State *s, const Path *p, Cell *out);
bool cell_deref(Ctx *x, const State *s, int v, Cell *out);
int slot_find(const State *s, Cell c);
int read_cell(Ctx *x, State *s, Cell c);
int read_path(Ctx *x, State *s, const Path *p);
int eval_expr(Ctx *x, State *s, const Expr *e);
/* The state a function starts in: each local array declared without an
   initializer marked as holding nothing yet (Var.no_init). */
State *state_entry(Ctx *x);
/* After call st: a local array declared without an initializer that st was
   given (`fds`, `&fds[1]`) may have been filled by the callee, so its
   elements stop being unwritten (a value in the array's own cell says so). */
void note_filled(Ctx *x, State *s, const Stmt *st);
/* v was read through e: a count read from unsigned memory (`int n =
   list->len;`) is never negative. The conversion is taken to keep the
   value, as the program means it to; a value known negative (stored from
   a signed one) is left alone. */
void note_unsigned_read(Ctx *x, State *s, const Expr *e, int v);
bool cell_is_external(Ctx *x, const State *s, Cell c);
/* engine_handed.c: resources a failing return leaves in the caller's memory. */
bool handed_fields_wanted(const Func *f);
void handed_note_field(Ctx *x, long acq_key, int arg);
void handed_check(Ctx *x, State *s, int v, Loc point);
void handed_report(Ctx *x);
int res_of_val(const State *s, int v);
void res_drop(State *s, int r);
/* The object a pointer derived from v points into (`p + 1`, strchr(p, c):
   p's value), or -1 when v is no such pointer. */
int pointer_base(const State *s, int v);
void escape_value(Ctx *x, State *s, int v);
void escape_cell_contents(Ctx *x, State *s, Cell c);
void escape_pointee(Ctx *x, State *s, int v);
void expose_cell(Ctx *x, State *s, Cell c);
bool value_held_elsewhere(Ctx *x, const State *s, int v, Cell except, const Block *b, int si);
void write_cell(Ctx *x, State *s, Cell c, int v);
int cells_below(Ctx *x, const State *s, Cell c, Slot **out);
void cells_put_below(Ctx *x, State *s, Cell dst, Cell src, const Slot *kids, int n);
void pe_add(Ctx *x, State *s, ParamEffect e);
const Origin *origin_extend(Ctx *x, const Origin *o, TargetStep st);
const Origin *origin_of_cell(Ctx *x, const State *s, Cell c);
/* The canonical form, in the step's arena; state_transit copies one to keep. */
State *state_canon(Ctx *x, const State *s, const Block *b);
bool state_equal(const State *a, const State *b);
bool state_same_shape(const State *a, const State *b);
bool state_res_agree(const State *a, const State *b);
State *state_join(Ctx *x, const State *a, const State *b);
/* The last resort of a block that has seen too many states: their join
   once each side has forgotten the resources the other lacks (as if they
   escaped: leaks on those paths go unreported, and no path is dropped). */
State *state_join_forgetting(Ctx *x, const State *a, const State *b, const Block *at);

/* engine_transit.c: a malloc'ed copy of a canonical state, freed by the
   exploration once nothing can use it (engine.c). */
State *state_transit(Ctx *x, const State *s);
/* The function's one copy of this list of effects (never written). */
ParamEffect *pe_intern(Ctx *x, const ParamEffect *pe, int n);
void state_transit_free(Ctx *x, State *s);

/* engine_arith.c */
/* `x OP k` as a value linked to x's, or -1 when e is not of that form. */
int arith_derive(Ctx *x, State *s, const Expr *e);
/* v's facts changed: updates its operand and the values derived from it;
   false when they contradict. */
bool arith_refined(Ctx *x, State *s, int v);
/* Whether the derived value d knows more than its operand implies. */
bool arith_informative(const State *s, int d);
/* Whether v is derived from a value no variable or cell holds any more
   (`i = i + 1`): at a loop head it would chain forever. */
bool arith_stepped(const State *s, int v);
/* Such values become plain ones, keeping only what a test taught about
   them: a link to a value nothing else uses would tell states apart that
   agree on every variable. */
void arith_unlink(State *s);

/* engine_cond.c */
void val_set_const(Val *v, long c);
void val_set_top(Val *v);
bool val_is_const(const Val *v, long *c);
bool val_refine(Val *v, CmpOp op, long c);
/* Same interval and excluded points. */
bool val_same_facts(const Val *a, const Val *b);
/* v says more than "any value": an interval or an excluded value. */
bool val_has_facts(const Val *v);
bool val_may(const Val *v, CmpOp op, long c);
bool val_nonzero(const Val *v); /* never 0: an address, or a value known not to be 0 */
bool expr_const_value(Ctx *x, State *s, const Expr *e, long *out);
bool res_may_succeed(const State *s, const Res *r);
bool res_may_fail(const State *s, const Res *r);
bool refine_value(Ctx *x, State *s, int v, CmpOp op, long c);
typedef struct Operand {
  bool is_const;
  long c;
  int v;
} Operand;
Operand operand_of(Ctx *x, State *s, const Expr *e);
/* Restricts s to `lhs op rhs`; false when that is impossible in s. */
bool assume_cmp(Ctx *x, State *s, Operand lhs, CmpOp op, Operand rhs);
int cmp_eval_value(Ctx *x, State *s, const Expr *e);
bool cmp_is_unsigned(const Expr *l, const Expr *r);
/* An unsigned comparison of l and r: false when signed intervals cannot
   model it (no refinement then); otherwise notes unsigned operands are >= 0. */
bool assume_unsigned(Ctx *x, State *s, const Expr *le, Operand l, const Expr *re, Operand r);
/* The pointers a statement or expression dereferences are not NULL after it. */
void assume_stmt_derefs(Ctx *x, State *s, const Stmt *st);
void assume_expr_derefs(Ctx *x, State *s, const Expr *e);

/* engine_call.c */
typedef struct KindValidity {
  const ResKind *kind;
  int n; /* 0: any value may be live */
  CmpOp op[2];
  long c[2];
} KindValidity;
const KindValidity *kind_validity(Ctx *x, const ResKind *k);
/* CALL_END: the call does not return (exit, abort); CALL_CRASH: it cannot
   return on this path (a NULL its summary dereferences). */
typedef enum { CALL_GO, CALL_END, CALL_CRASH } CallResult;
CallResult apply_call(Ctx *x, State *s, const Block *b, int si, State **fork);
void check_overwrite(Ctx *x, State *s, Cell c, const Path *holder, const Block *b, int si);
const FuncRule *callee_rule(const Ctx *x, const char *name);
/* The name a call's messages use: the callee, or what an indirect call goes
   through ("hooks.alloc"). */
const char *call_name(const Stmt *st);
/* A loop releasing `a[index]` in `body` is left at a test where index is
   `from` (its start, or, when widened, the count reached before it was
   widened): the elements from `from` on that it would release are
   forgotten. */
void release_loop_left(Ctx *x, State *s, const Block *body, const Var *index, long from,
                       bool widened);
bool rule_family_desc(const Ctx *x, const char *family, const char **desc);

/* engine_sites.c: false when the facts on the parameters' entry values
   agree with no call site of the function (no caller takes this path). */
bool sites_agree(Ctx *x, const State *s);
/* The parameters stay live (their entry values' facts are kept). */
void sites_keep_params(Ctx *x);

/* engine_trace.c */
Trace *trace_push(Ctx *x, const Trace *t, EvKind ev, Loc loc);
void report_leak(Ctx *x, const State *s, const Res *r, Loc point, const Trace *t);
Report *report_at(Ctx *x, FindingKind k, const State *s, const Res *r, const Stmt *at,
                  const char *holder, const FuncRule *rel);
void report_ignored(Ctx *x, const State *s, const Stmt *at, const ResKind *kind,
                    const FuncRule *rule);
void reports_emit(Ctx *x);

/* engine_fix.c */
void fix_observe(Ctx *x, const State *s, const Block *b);
void fix_candidate(Ctx *x, Report *p, const State *s, const Res *r, Loc point, const Trace *t);
/* The fixes of report p that every state agrees on, into f. */
void fix_emit(Ctx *x, const Report *p, Finding *f);

/* What cut the exploration short (budget_hit or dropped), for a note. */
const char *engine_stop_text(const Ctx *x, Arena *a);

/* engine_guards.c: facts a join must keep. */
void guards_compute(Ctx *x);
/* a and b agree on the facts of every guard: joining them keeps the
   correlations the function's releases are decided by. */
bool guards_agree(Ctx *x, const State *a, const State *b);

/* engine_live.c */
void live_compute(Ctx *x);
bool var_live_in(const Ctx *x, const Block *b, int var);
bool var_is_table(const Ctx *x, int var);
bool var_live_after(Ctx *x, const Block *b, int si, int var);
void loops_compute(Ctx *x);
bool var_local_to_loop(const Ctx *x, const Block *b, const Var *v);

/* engine.c: one function's exploration; engine_summarize.c reads
   x->path_sums. */
Ctx *engine_ctx_new(const Func *f, const Callees *c, const EngineOptions *o, FindingList *out,
                    bool summary_mode);
void engine_explore(Ctx *x);
void engine_ctx_delete(Ctx *x);

#endif
