/*
 * summary.h - function summaries: what an analyzed function does to the
 * resources its callers hand it or get back from it.
 *
 * A summary is a FuncRule (rules.h) with from_summary set, so the engine
 * applies `conn_open()` returning a socket exactly as it applies socket():
 *
 *   - returns a newly owned resource of kind K, with the return test that
 *     means failure (NULL, < 0, != 0): an Acquire on TARGET_RET;
 *   - acquires into an out-parameter (`*arg0`, `arg0->fd`) or leaves a lock
 *     reached from a parameter held: an Acquire on that target;
 *   - releases a parameter or a field reached from one on every path
 *     (Release) or only on some (Release.partial: callers stay conservative);
 *   - stores a parameter away (escape_mask); borrows the others;
 *   - writes what a pointer parameter points to (writes_mask), and leaves it
 *     non-zero whenever the returned resource was acquired (ret_ok_nonzero);
 *   - never returns.
 *
 * Summaries are computed bottom-up over the call graph of all the units
 * given (whole-program mode), strongly connected components iterated to a
 * bounded fixpoint; components whose callees are done are solved on
 * worker threads. Static functions are keyed by their unit's path and
 * name, others by name; a name defined twice is left without a summary.
 * All summary memory lives in the table's arena: summaries outlive the
 * units they were computed from.
 *
 * Stage summary (this header): uses the engine and the stages below it.
 */
#ifndef CONNLINT_SUMMARY_H
#define CONNLINT_SUMMARY_H

#include "engine.h"

typedef struct SummaryTable SummaryTable;

SummaryTable *summary_table_new(void);
void summary_table_delete(SummaryTable *st);

/* Computes summaries for every function defined in units[0..nunits). */
void summary_compute(SummaryTable *st, Unit **units, int nunits, const RuleSet *rs,
                     const EngineOptions *o);
/* The same on `jobs` threads: independent parts of the call graph are
   solved in parallel, with the same result as on one. rs must be finished
   (rules_finish) and is only read. */
void summary_compute_jobs(SummaryTable *st, Unit **units, int nunits, const RuleSet *rs,
                          const EngineOptions *o, int jobs);

/* Why summary_compute left f (of unit u) without a summary: a note saying
   where its exploration ran out of budget (callers then treat f as
   unknown, so a leak through it can be missed). NULL when f has its
   summary, or was not computed here. */
const char *summary_stopped(const SummaryTable *st, const Unit *u, const Func *f);

/* The summary a call to `name` from unit u uses: u's static function of
   that name first, then the program's external one. NULL if none. */
const FuncRule *summary_find(const SummaryTable *st, const Unit *u, const char *name);

/* summary_find for a unit known only by its path (a unit read from the
   cache); unit NULL: the program's external function of that name. */
const FuncRule *summary_find_path(const SummaryTable *st, const char *unit, const char *name);

/* Whether an external name has more than one definition in the table. */
bool summary_ambiguous(const SummaryTable *st, const char *name);

/* The Callees oracle for code in unit u: rs, then st's summaries (st may
   be NULL: rules alone). */
Callees summary_callees(const SummaryTable *st, const RuleSet *rs, const Unit *u);

/* The units summary_compute will be given are the whole program: an
   external function may then have all its callers in sight. */
void summary_set_whole_program(SummaryTable *st, bool on);

/* What every caller of f (defined in u) guarantees on its parameters,
   f->nparams facts; NULL when some caller may be unseen or f is never
   called. The Callees oracle hands this to the engine. */
const ArgFact *summary_preconditions(const SummaryTable *st, const Unit *u, const Func *f);
/* ... and, when they are few, f's call sites one by one (*n of them), or
   NULL. */
const CallFacts *const *summary_call_sites(const SummaryTable *st, const Unit *u, const Func *f,
                                           int *n);
/* The fields of global structs main set up before calling f (*n of them),
   or NULL (startup.c). */
const GlobalFact *summary_global_facts(const SummaryTable *st, const Unit *u, const Func *f,
                                       int *n);

/* How each call site of f (defined in u) treats its failure (FailSite *,
   failure_uses.h); NULL when some caller may be unseen. */
const Vec *summary_failure_uses(const SummaryTable *st, const Unit *u, const Func *f);

/* Number of functions summarized, for statistics. */
int summary_count(const SummaryTable *st);

/*
 * A line-based text form, so per-unit work can run as separate build steps
 * and pass summaries on. A target is its argument and steps joined by ':'
 * (`*` dereference, `.f` field, `[i]` index): arg0:*:.fd is `arg0->fd`.
 *
 *   func conn_open net.c 40            (or: func helper net.c 12 static net.c)
 *   acquire socket ret >= 0            (or: ... always, ... >= 0 on_target)
 *   acquire mutex arg0:*:.mu always
 *   release fd arg0:*:.fd partial
 *   move arg0:* 0                      (arg0's resource moves into acquire 0)
 *   borrow 3
 *   escape 4
 *   writes 1                           (it writes *arg0)
 *   ok-nonzero 1                       (*arg0 != 0 when the returned resource exists)
 *   noreturn
 *   end
 *
 * A block whose only statement is `none` records a definition without a
 * summary: a second external definition of its name, read or computed
 * later, makes the name ambiguous as if both units had been analyzed
 * together.
 *
 * summary_read merges what summary_write produced into st, resolving kinds
 * in rs. It returns 0, or -1 with "line N: problem" in err.
 */
void summary_write(const SummaryTable *st, Buf *out, Arena *a);
/* The blocks of every function u defines, `none` for those without a
   summary (the cache stores a unit's share of the table this way). */
void summary_write_unit(const SummaryTable *st, const Unit *u, Buf *out, Arena *a);
/* One rule's block (nothing for NULL): what a caller's import of it is
   compared by. */
void summary_write_rule(const FuncRule *r, Buf *out, Arena *a);
int summary_read(SummaryTable *st, const RuleSet *rs, const char *text, char *err, int errlen);

/*
 * What a unit adds to the preconditions of the program's external
 * functions (summary_preconditions), for a cached run that does not parse
 * every unit: whether it parsed cleanly and defines main, the external
 * names whose address it takes, the external functions it defines, what
 * its calls guarantee on their arguments (joined per callee) and the
 * callees of calls it did not see to the end.
 *
 *   clean 1
 *   main 0
 *   escaped on_event
 *   def conn_read 3 1 0 0             (parameters, callers all lowered, exported, hidden)
 *   call conn_read 2 0 0 1 1 9223372036854775807 0   (per argument: lo hi nonzero)
 *   unknown log_msg
 *   fail conn_open 1 2 0 1 2 0        (how a call treats failure: tested op k
 *                                      nargs, per argument its use on each branch)
 *   sfn serve 0 0 0123456789abcdef    (the startup pass: a function, static, local_ok,
 *                                      the fingerprint of its code,
 *   sw num_threads                     the field names it writes,
 *   sc conn_open                       what it calls,
 *   sa on_event                        the functions it hands to calls,
 *   sfact settings 1 port 1 65535      the facts on global fields it was given)
 *   skey port                          (the key field names of the unit's main)
 *   sdigest 0123456789abcdef           (the digest of the profiles those facts came from)
 *
 * summary_write_facts writes a unit summary_compute was given (after it),
 * by its path. summary_read_facts adds a unit that is not given to
 * summary_compute; call it before, with summary_read of the unit's
 * summaries: the preconditions summary_compute then computes count every
 * unit's calls, as a run over all of them does. Returns 0, or -1 with
 * "line N: problem" in err.
 */
void summary_write_facts(const SummaryTable *st, const char *unit, Buf *out, Arena *a);
int summary_read_facts(SummaryTable *st, const char *unit, const char *text, char *err, int errlen);
/* The record an earlier run wrote for a unit summary_compute is given now
   (call before it): the startup facts it recorded stand for the unit when
   the pass cannot run and nothing it reads changed. */
int summary_read_prior(SummaryTable *st, const char *unit, const char *text, char *err, int errlen);
/* The units (by path) whose code the startup pass needed and was not
   given, none read from a record that still holds: parse them and compute
   again for a run without the cache's result. */
int summary_startup_needs(const SummaryTable *st, const char *const **units);
/* The preconditions of the external functions a unit (given or read, by
   path) defines, one line each ("none" when there are none): a cached
   unit's findings still hold while these are unchanged. */
void summary_write_unit_pre(const SummaryTable *st, const char *unit, Buf *out, Arena *a);

#endif
