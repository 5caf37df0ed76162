/*
 * driver_int.h - what driver.c shares with the incremental run
 * (driver_cache.c): a parsed job, the worker pool, and the review of what
 * the front end said.
 */
#ifndef CONNLINT_DRIVER_INT_H
#define CONNLINT_DRIVER_INT_H

#include "driver.h"
#include "frontend.h"
#include "isolate.h" /* Parsed: a job's outcome of phase 1 */
#include "tsfront.h"

/* One job through the front end o->frontend chooses (fe or ts may be NULL
   when that front end is not chosen). */
void parse_job(const DriverOptions *o, const JobList *jl, Frontend *fe, TsFrontend *ts,
               const Job *j, Parsed *p);

/* A parsing worker's front ends (one per worker process, isolate.h): those
   o->frontend chooses, NULL for the other. */
typedef struct FrontEnds {
  Frontend *fe;
  TsFrontend *ts;
} FrontEnds;

void front_ends_init(FrontEnds *f, const DriverOptions *o, const RuleSet *rules);
/* Parses job i, building its unit in region; false (nothing done) when
   o->cancel says nobody wants the result. */
bool front_ends_parse(FrontEnds *f, const DriverOptions *o, const JobList *jl, int i,
                      ArenaRegion *region, Parsed *p);
void front_ends_fini(FrontEnds *f);

/* Runs fn on `n` threads, the calling thread being the first; thread i
   gets args + i * stride. */
void run_parallel(int n, void *(*fn)(void *), void *args, size_t stride);

/* Records what the front end said about job j in r->problems; returns
   whether the unit is worth analyzing. */
bool review_parse(DriverResult *r, const Job *j, Parsed *p, bool parse_only);

/* C++ by its extension or flags: skipped with a note (connlint reads C). */
bool is_cplusplus(const Job *j);

/* An input problem of the run, copied into r's arena. */
void add_problem(DriverResult *r, DiagLevel level, Loc loc, const char *msg);
/* --check-rules: a warning for each rule-file rule `matched` (keyed by
   FuncRule pointer) does not hold. */
void unmatched_rules(DriverResult *r, const RuleSet *rules, const Map *matched);

/* Runs the engine over u's functions with the summaries sums (none: u's
   own, when o->summaries), adding to out; stops early when o->cancel is set. */
void analyze_unit(const SummaryTable *sums, const RuleSet *rules, const DriverOptions *o, Unit *u,
                  FindingList *out);

/* summary_compute_jobs on a big stack (the calling thread is one worker). */
void compute_summaries(SummaryTable *st, Unit **units, int nunits, const RuleSet *rules,
                       const EngineOptions *eo, int jobs);

/* The incremental run driver_run hands over to when o->cache is set. */
void driver_run_cached(const JobList *jl, RuleSet *rules, const DriverOptions *o, DriverResult *r);

/* Progress on stderr: "[done/total] file", overwriting itself. */
void progress_show(int done, int total, const char *file);
void progress_clear(void);

#endif
