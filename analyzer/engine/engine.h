/*
 * engine.h - the path-sensitive acquire/release analysis of one function.
 *
 * The engine walks a Func's CFG, following each resource that a call's
 * FuncRule says is acquired, along each path, and reports those not released
 * (leaks, lost references, ignored results, mismatched and double releases,
 * scoped resources held at return). What a call does comes only from the
 * Callees oracle: built-in and user rules first, then function summaries
 * (interprocedural analysis), then the declaration (noreturn, no body:
 * arguments escape).
 */
#ifndef CONNLINT_ENGINE_H
#define CONNLINT_ENGINE_H

#include "finding.h"
#include "ir.h"
#include "rules.h"

#include <stdbool.h>

typedef struct EngineOptions {
  /* Report resources still held when a path ends in exit()/abort(). */
  bool report_exit_paths;
  /* Per-function budget: abstract states explored and wall time. Exceeding
     either stops that function with a Note, never a crash or a hang. */
  int max_states;
  double max_seconds;
} EngineOptions;

void engine_default_options(EngineOptions *o);

/* Summaries of analyzed functions, looked up by name. Filled by the
   interprocedural pass (summary.h); may be NULL for intraprocedural runs. */
typedef struct SummaryTable SummaryTable;
const FuncRule *summary_lookup(const SummaryTable *st, const char *name);

typedef struct Callees {
  const RuleSet *rules;
  const SummaryTable *summaries; /* NULL: none */
  const Unit *unit;              /* for FuncDecl facts (noreturn, has_body) */
} Callees;

/* Analyzes one function; findings and budget notes go to `out`. */
void engine_run(const Func *f, const Callees *c, const EngineOptions *o, FindingList *out);

#endif
