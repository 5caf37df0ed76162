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

typedef struct EngineOptions {
  /* Report resources still held when a path ends in exit()/abort(). */
  bool report_exit_paths;
  /* Per-function budget: abstract states explored and wall time. Exceeding
     either stops that function with a Note, never a crash or a hang. */
  int max_states;
  double max_seconds;
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

typedef struct Callees {
  const RuleSet *rules;
  CalleeLookup lookup;
  const void *lookup_ctx;
  const Unit *unit; /* for FuncDecl facts (noreturn, has_body) */
} Callees;

/* Analyzes one function; findings and budget notes go to `out`. */
void engine_run(const Func *f, const Callees *c, const EngineOptions *o, FindingList *out);

/* What f does to the resources its callers hand it or get back from it, as
   a FuncRule with from_summary set, allocated in `out`; NULL when the
   exploration ran out of budget (callers then treat f as unknown). */
FuncRule *engine_summarize(const Func *f, const Callees *c, const EngineOptions *o, Arena *out);

#endif
