/*
 * engine.h - the path-sensitive acquire/release analysis of one function.
 *
 * The engine walks a Func's CFG, following each resource that a call's
 * FuncRule says is acquired, along each path, and reports those not released
 * (leaks, lost references, ignored results, mismatched and double releases,
 * scoped resources held at return). What a call does comes only from the
 * Callees oracle: built-in and user rules first, then whatever lookup the
 * caller supplies (the summary pass supplies its summaries), then the
 * declaration (noreturn, no body: arguments escape).
 *
 * Stage engine (this header): uses finding, rules, ir and support. It knows
 * nothing of summaries, the driver or reports; engine_int.h is internal.
 */
#ifndef CONNLINT_ENGINE_H
#define CONNLINT_ENGINE_H

#include "finding.h"
#include "ir.h"
#include "rules.h"

#include <stdatomic.h>

#include <stdbool.h>
#include <stdint.h>

typedef struct EngineOptions {
  /* Report resources still held when a path ends in exit()/abort(). */
  bool report_exit_paths;
  /* Per-function budget: abstract states explored and wall time. Exceeding
     either stops that function with a Note, never a crash or a hang. */
  int max_states;
  double max_seconds;
  /* ... and the memory its stored states take (bytes; 0: no limit), so one
     huge function cannot set the whole run's peak. */
  long max_bytes;
  /* Set by another thread when the result is no longer wanted (an editor's
     newer text, `connlint lsp`): the function stops as if out of budget.
     NULL: never. */
  const atomic_int *cancel;
} EngineOptions;

void engine_default_options(EngineOptions *o);

/* What a call does: rules first, then `lookup` (the summary pass hands the
   engine its table this way; NULL: none), then the declaration in `unit`
   (noreturn, has a body). */
typedef const FuncRule *(*CalleeLookup)(const void *ctx, const Unit *u, const char *name);

/* What every call of a function guarantees about one argument: it lies in
   [lo, hi], and is not zero when `nonzero` (a pointer never NULL). */
typedef struct ArgFact {
  long lo, hi;
  bool nonzero;
} ArgFact;

/* The facts every caller guarantees on f's parameters (one per parameter,
   f->nparams of them), or NULL when some caller may be unseen. */
typedef const ArgFact *(*PreconditionLookup)(const void *ctx, const Unit *u, const Func *f);

/* What one call site does when the call fails, per argument: it takes
   nothing from what it passed (the caller's own storage, left or thrown
   away untouched), it may clean it up (releases something reached from the
   argument, calls a cleanup on it, hands it on), or it cannot be told. */
enum { FAIL_UNKNOWN, FAIL_TAKES_NOTHING, FAIL_CLEANS };
enum { FAIL_SITE_ARGS = 8 };
typedef struct FailSite {
  /* The caller tests the result with `ret OP k` right after the call;
     untested sites say nothing. */
  bool tested;
  CmpOp op;
  long k;
  int nargs;
  /* use[i][b]: argument i, when successor b of the test (0: the test
     holds) is the branch the failure takes. */
  uint8_t use[FAIL_SITE_ARGS][2];
} FailSite;

/* The call sites of f (FailSite *), when every caller is in sight; NULL
   otherwise. Called with lookup_ctx. */
typedef const Vec *(*FailureLookup)(const void *ctx, const Unit *u, const Func *f);

/* One direct call of a function, as its caller's exploration saw it: the
   facts on its first nargs arguments, joined over every path that reaches
   that call statement. */
enum { CALL_FACT_ARGS = 8 };
typedef struct CallFacts {
  const char *callee;
  int nargs;
  ArgFact args[CALL_FACT_ARGS];
} CallFacts;

/* Every call site of f when all of them are known and few (*n of them),
   or NULL: a path whose facts on the parameters agree with none of them
   is one no caller takes (`dst != NULL && count_only` when each caller
   passes one or the other). */
typedef const CallFacts *const *(*CallSiteLookup)(const void *ctx, const Unit *u, const Func *f,
                                                  int *n);

/* What a function can rely on about a field of a global struct when it is
   called: `settings.num_threads` lies in [lo, hi] (main set it up before
   calling anything that reads it). */
enum { STARTUP_MAX_FIELDS = 4 };
typedef struct GlobalFact {
  const char *var;
  const char *fields[STARTUP_MAX_FIELDS];
  int nfields;
  long lo, hi;
} GlobalFact;

/* The facts on global fields f is called with (*n of them), or NULL. */
typedef const GlobalFact *(*GlobalFactLookup)(const void *ctx, const Unit *u, const Func *f,
                                              int *n);

typedef struct Callees {
  const RuleSet *rules;
  CalleeLookup lookup;
  const void *lookup_ctx;
  const Unit *unit;                 /* for FuncDecl facts (noreturn, has_body) */
  PreconditionLookup preconditions; /* NULL: none; called with lookup_ctx */
  FailureLookup failure_uses;       /* NULL: none; called with lookup_ctx */
  CallSiteLookup call_sites;        /* NULL: none; called with lookup_ctx */
  GlobalFactLookup global_facts;    /* NULL: none; called with lookup_ctx */
} Callees;

/* Analyzes one function; findings and budget notes go to `out`. */
void engine_run(const Func *f, const Callees *c, const EngineOptions *o, FindingList *out);

/* What f does to the resources its callers hand it or get back from it, as
   a FuncRule with from_summary set, allocated in `out`; NULL when the
   exploration ran out of budget (callers then treat f as unknown). */
FuncRule *engine_summarize(const Func *f, const Callees *c, const EngineOptions *o, Arena *out);

/* The parameters f dereferences on every call, before its first branch
   (bit i: parameter i), for FuncRule.derefs_args (engine_derefs.c). */
unsigned engine_entry_derefs(const Func *f, const Callees *c);

/* The direct calls f makes, as engine_summarize saw them: one CallFacts
   per call statement. */
/* engine_summarize, also filling `calls` (CallFacts *, allocated in out)
   and setting *complete to whether every path was explored (if not, some
   calls may be missing, and there is no summary). *stopped (when not NULL)
   is then a note, in out, saying where the exploration stopped; NULL when
   it was complete. */
FuncRule *engine_summarize_calls(const Func *f, const Callees *c, const EngineOptions *o,
                                 Arena *out, Vec *calls, bool *complete, const char **stopped);

#endif
