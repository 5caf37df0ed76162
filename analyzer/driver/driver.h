/*
 * driver.h - runs the pipeline over a list of translation units.
 *
 * Phase 1 parses and lowers every unit (in parallel, in worker processes
 * with a time limit and a memory cap: isolate.h). Phase 2 turns ownership attributes into rules and
 * computes function summaries over all units at once (whole-program mode) or per unit. Phase 3 runs
 * the engine on every function (in parallel) and collects the findings. Problems with the input are
 * returned as Notes with a level, for the CLI to report once.
 *
 * Stage driver (this header, compdb.h, config.h, isolate.h): which units,
 * with which flags and settings, and the phases of a run. Uses frontend,
 * tsfront, summary (and so the engine) and cache; reports are the caller's
 * business.
 */
#ifndef CONNLINT_DRIVER_H
#define CONNLINT_DRIVER_H

#include "compdb.h"
#include "engine.h"
#include "finding.h"
#include "rules.h"

#include <stdatomic.h>
#include <stdio.h>

typedef struct Cache Cache;
typedef struct SummaryTable SummaryTable;

typedef enum { DUMP_NONE, DUMP_TEXT, DUMP_DOT } DumpMode;

/* Which front end parses a unit. AUTO: libclang when the unit's flags are
   known (a compilation database or flags after --) or it parses cleanly
   without them; tree-sitter when libclang fails fatally, or when, with no
   flags to blame, headers are missing or the parse has errors (a lone file
   from a review, a vendored library, an editor buffer). */
typedef enum { FRONTEND_AUTO, FRONTEND_CLANG, FRONTEND_TREE_SITTER } FrontendChoice;

typedef struct DriverOptions {
  int jobs;           /* worker threads */
  bool whole_program; /* summaries flow across units */
  bool summaries;     /* compute function summaries at all */
  DumpMode dump;      /* --dump-cfg: print CFGs instead of analyzing */
  bool parse_only;    /* --parse-only: stop after the front end's parse */
  FrontendChoice frontend;
  bool check_rules; /* --check-rules: warn about rule-file rules no call matched */
  FILE *dump_out;
  double timeout;   /* --timeout: seconds one unit's parse may take; 0: none */
  size_t mem_limit; /* --memory-limit: bytes one unit's parse may add; 0: none */
  bool in_process;  /* parse without child processes (no limits) */
  EngineOptions engine;
  /* Incremental runs (driver_cache.c): results of unchanged units come
     from the cache; NULL: analyze everything. */
  Cache *cache;
  /* With cache: the units whose entries cannot be reused are left out
     rather than analyzed, except jobs with unsaved text (an editor's
     buffer), and nothing is written to the cache. The language server's
     analysis of one buffer in the context the cache holds. */
  bool cache_context_only;
  /* Per job: whether its findings are reported (NULL: all). The others
     are context: their summaries count, their findings are dropped. */
  const bool *report;
  bool progress; /* "[12/239] lib/http.c" on stderr as units are parsed */
  /* Summaries of the rest of the program in summary_write's text form,
     read into the whole-program table before this run's units are
     summarized (`connlint lsp` analyzing one buffer); NULL: none. */
  const char *extra_summaries;
  /* Instead of analyzing, write this run's whole-program summaries here
     (summary_write) and stop after phase 2. */
  Buf *summaries_out;
  Arena *summaries_arena;
  /* Set (by another thread) when the run's result is no longer wanted:
     phase 3 stops starting functions. NULL: never. */
  const atomic_int *cancel;
} DriverOptions;

typedef struct DriverResult {
  FindingList findings;
  Arena arena;        /* owns the problems */
  Vec problems;       /* InputProblem *, in job order */
  int files_ok;       /* analyzed (possibly with parse errors) */
  int files_failed;   /* unreadable, unparsable, or nothing parsed */
  int files_cached;   /* of files_ok: results taken from the cache */
  int files_left_out; /* cache_context_only: units the cache had no valid entry for */
  int files_uncached; /* with cache: units analyzed (or failed) whose results were not stored */
  /* Per job: "libclang" or "tree-sitter" (NULL: not parsed), in job order. */
  const char **frontends;
  double parse_seconds, analyze_seconds;
  size_t ir_bytes;
  /* Peak resident memory (KiB) at the end of each phase: parse+lower,
     summaries, analysis. The kernel keeps one high-water mark per process,
     so each figure includes the phases before it. Parse+lower ends when
     analysis starts: the units the parsing processes built in shared memory
     are resident here by then (read by the rule checks), and count as what
     the parse holds, not as the analysis' memory. */
  long peak_parse_kib, peak_summary_kib, peak_analysis_kib;
  /* The largest parsing process's own peak (0 when parsing in process). */
  long peak_parser_kib;
} DriverResult;

void driver_result_init(DriverResult *r);
void driver_result_free(DriverResult *r);

/* `rules` gains rules from ownership attributes in the analyzed code. */
void driver_run(const JobList *jl, RuleSet *rules, const DriverOptions *o, DriverResult *r);

/* For a client that analyzes one unit by itself (the language server):
   reads into st the summaries the cache holds for every unit of jl except
   `skip` (a path as the job names it, or NULL), from entries whose file,
   includes and rule set are unchanged; their ownership attributes are
   added to `rules` first, which this finishes. Units the cache does not
   hold are left out. Returns the number of units read. */
int driver_cache_context(Cache *c, const JobList *jl, RuleSet *rules, const DriverOptions *o,
                         SummaryTable *st, const char *skip);

#endif
