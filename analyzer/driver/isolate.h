/*
 * isolate.h - phase 1 of a run (parse and lower every unit), each unit in a
 * child process with a time limit, a memory cap and a big stack.
 *
 * libclang's parse cannot be interrupted or bounded from inside: a macro
 * bomb runs for minutes while its memory grows, and deeply nested code
 * overflows the parser's stack. A child process can be killed, capped and
 * given any stack, and its death costs a note about that unit, never the
 * run. The child builds its Unit inside memory it shares with the parent at
 * the same address, so the parent reads the IR as is, without copying.
 */
#ifndef CONNLINT_ISOLATE_H
#define CONNLINT_ISOLATE_H

#include "compdb.h"
#include "frontend.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct IsolateOptions {
  int jobs;         /* children at a time */
  double timeout;   /* seconds one unit may take; <= 0: no limit */
  size_t mem_limit; /* bytes of private memory a parsing process may use; 0: no cap */
  bool parse_only;  /* see frontend_set_parse_only */
  bool in_process;  /* parse in this process (no limits): tests, debugging */
  const bool *skip; /* jobs not to parse (NULL: none); their Parsed stay empty */
} IsolateOptions;

/* Outcome of one job. */
typedef struct Parsed {
  Unit *unit;    /* NULL when the unit could not be parsed */
  char why[512]; /* the reason, when unit is NULL */
  FrontendStatus status;
  const char *frontend; /* which one made unit (a string constant) */
  bool fell_back;       /* auto: libclang could not, tree-sitter did */
  bool clang_fatal;     /* ... because libclang's parse failed outright */
  Unit *clang_diags;    /* ... libclang's unit, for its messages (NULL: none) */
  bool cut;             /* stopped by a limit (time, memory) or a crash of the parser */
} Parsed;

/* Owns the memory the units live in; units stay valid until isolate_delete. */
typedef struct Isolate Isolate;

/* How a job is parsed (the driver's choice of front ends). Each worker (a
   process, or a thread in process) calls worker_new once, then parse for
   each of its jobs: the units it makes must live in `region` when that is
   not NULL, and `out` must point nowhere else (string constants aside). */
typedef struct ParseHooks {
  void *ctx;
  void *(*worker_new)(void *ctx);
  void (*parse)(void *worker, int job, ArenaRegion *region, Parsed *out);
  void (*worker_delete)(void *worker);
} ParseHooks;

/* Parses every job of `jl` into out[0..njobs-1]. Must be called while the
   process runs a single thread: workers are forked from it. */
Isolate *isolate_parse(const JobList *jl, const IsolateOptions *o, const ParseHooks *h,
                       Parsed *out);
void isolate_delete(Isolate *iso);

/* Runs fn(arg) on a new thread with a stack of `stack` bytes and waits for
   it; runs it on the calling thread if no such thread can be made. */
void run_on_big_stack(void (*fn)(void *), void *arg, size_t stack);

/* Gives the calling thread (on) or takes back (off) a stack of its own for
   signal handlers, so a crash handler runs even after a stack overflow. */
void thread_altstack(bool on);

/* The stack connlint gives every parse and analysis thread (see isolate.c). */
enum { BIG_STACK = 512 << 20 };

#endif
