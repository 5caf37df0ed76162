/*
 * summary_int.h - the summary stage's private model, shared by its files.
 *
 *   summary.c        the pass itself: the table of summaries and its
 *                    lookups (the Callees oracle), the call graph, and
 *                    solving its components callees first on worker threads
 *   summary_facts.c  the whole-program facts gathered once the summaries
 *                    are final: preconditions, how call sites treat
 *                    failure, and the global fields main sets up
 *   summary_text.c   the text form the cache keeps: summaries, and each
 *                    unit's facts record, written and read back
 *
 * failure_uses.c and startup.c, the analyses summary_facts.c runs over the
 * IR, have headers of their own and know nothing of the table.
 */
#ifndef CONNLINT_SUMMARY_INT_H
#define CONNLINT_SUMMARY_INT_H

#include "summary.h"

#include "failure_uses.h"
#include "startup.h"

#include <stdint.h>

/* A function of the table: keyed by its name, and by its unit's path when
   it is static. */
typedef struct Entry {
  const char *name;
  const char *unit; /* static functions: their unit's path; NULL: external */
  FuncRule *rule;
  bool ambiguous; /* external name defined more than once */
  bool defined;   /* read from a cached unit that defines it (summary_read) */
  int node;       /* during summary_compute */
  /* Preconditions: the facts every call site guarantees on the
     parameters, when all of the function's callers are known. */
  ArgFact *pre;
  int npre;
  bool pre_closed;  /* every caller is in sight */
  bool pre_unknown; /* some call was not seen (an exploration stopped early) */
  Vec fail_sites;   /* FailSite *: how each call site treats failure (failure_uses.c) */
  /* The call sites themselves, each as one tuple of facts, while there are
     at most MAX_SITES of them (nsites counts them all). */
  const CallFacts **sites;
  int nsites;
  /* summary_compute left it without a summary: where its exploration
     stopped (engine_summarize_calls). */
  const char *stopped;
  /* Fields of global structs as main set them up (startup.c). */
  const GlobalFact *gfacts;
  int ngfacts;
} Entry;

enum { MAX_SITES = 16 };

struct SummaryTable {
  Arena arena;
  Entry **slots;
  int cap, n, nrules;
  Vec outs;           /* Arena *: the summaries solving workers allocated */
  bool whole_program; /* the units given are every unit of the program */
  Vec facts;          /* UnitFacts *: what each unit adds to preconditions */
  /* Definitions read (summary_read), not computed, and units whose facts
     were read (summary_read_facts): when some definitions came without
     their units' facts, their calls were not walked, so external
     functions' call sites are not all known (failure_uses). */
  int nread, nread_facts;
  /* Units summary_compute is given whose records an earlier run wrote
     (summary_read_prior): UnitFacts *, for their startup facts. */
  Vec prior;
  /* The startup pass: the digest of what it read (its profiles), and the
     units whose IR it needs and did not get (summary_startup_needs). */
  uint64_t sdigest;
  Vec startup_need; /* const char * */
};

/* A function defined in the units summary_compute is given: a node of
   the call graph, while the pass runs. */
typedef struct Node {
  const Func *f;
  const Unit *u;
  Entry *e;
  int *succ;
  int nsucc;
  int index, low, scc;
  bool on_stack, self_loop;
  Vec calls;           /* CallFacts * of the last exploration */
  bool complete;       /* ... which explored every path */
  const char *stopped; /* ... or a note on where it stopped */
} Node;

/* What one unit adds to the preconditions of the program's external
   functions: whether it parsed cleanly and defines main, the external
   names it lets escape, the external functions it defines, and its calls
   to names that are not its own static functions, joined per callee. A
   unit summarized here gets them from its IR and explorations; a unit
   whose results come from the cache gets the ones it had then
   (summary_read_facts), which still hold while its own results do. Both
   kinds go through the same join, so a cached run's preconditions are a
   full run's. */
typedef struct FactDef {
  const char *name;
  int nparams;
  bool local_ok; /* declared, address never taken, called only from lowered code, not main */
  bool exported, hidden;
} FactDef;

typedef struct UnitFacts {
  const char *unit;
  bool clean, main;
  Vec escaped; /* const char * */
  Vec defs;    /* FactDef * */
  Vec calls;   /* CallFacts *, one per call site */
  Vec unknown; /* const char *: callees of calls not seen to the end */
  Vec fails;   /* FailRec *: how its calls to external functions treat their failure */
  /* The startup pass (startup.c): its functions as the pass reads them,
     with the facts they were given; the key field names of its main; the
     digest of the pass's input the facts came from. */
  Vec sfns;  /* SFn * */
  Vec skeys; /* const char * */
  uint64_t sdigest;
  bool read; /* from summary_read_facts: not parsed in this run */
} UnitFacts;

/* A function of a unit, as the startup pass sees it. */
typedef struct SFn {
  const char *name;
  bool is_static, local_ok; /* local_ok: static, every caller in its unit */
  StartupProfile pr;
  uint64_t fp;   /* startup_fingerprint of its code */
  const Func *f; /* parsed in this run, else NULL */
  const Unit *u;
  GlobalFact *gfacts; /* read: the facts its entry recorded */
  int ngfacts;
} SFn;

/* ---- summary.c --------------------------------------------------------- */

/* The entry of (unit, name), unit NULL for an external function; NULL
   when there is none. */
Entry *entry_get(const SummaryTable *st, const char *unit, const char *name);
/* entry_get, adding an empty entry when there is none. */
Entry *entry_add(SummaryTable *st, const char *unit, const char *name);
/* Sets e's summary (r may be NULL), keeping st->nrules right. */
void set_rule(SummaryTable *st, Entry *e, FuncRule *r);

/* ---- summary_facts.c --------------------------------------------------- */

/* Run once every component is solved: the preconditions, failure uses
   and startup facts of nodes[0..n) and of `skipped` (Node-shaped records
   of the definitions that got no node), into the entries and the units'
   facts records. */
void gather_facts(SummaryTable *st, Arena *a, Node *nodes, int n, Unit **units, int nunits,
                  const Vec *skipped, const RuleSet *rs);
/* The facts record of a unit (by path), the latest if there are several;
   NULL when there is none. */
const UnitFacts *facts_of(const SummaryTable *st, const char *unit);
/* qsort on strings (const char *): orders that do not depend on the order
   the units came in. */
int by_text(const void *pa, const void *pb);

#endif
