/*
 * driver.c - the three phases of a run, and the worker threads behind them.
 *
 * Workers take jobs from a shared counter, so a slow translation unit does
 * not hold up the others. Each worker writes only to its own slots (the
 * Parsed of the jobs it took, its own FindingList), so the phases need no
 * locks beyond the counter; findings are merged and then sorted, which
 * keeps output deterministic whatever -j is.
 */
#include "driver.h"

#include "driver_int.h"
#include "frontend.h"
#include "isolate.h"
#include "summary.h"
#include "tsfront.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

void driver_result_init(DriverResult *r) {
  memset(r, 0, sizeof *r);
  findings_init(&r->findings);
  arena_init(&r->arena);
}

void driver_result_free(DriverResult *r) {
  findings_free(&r->findings);
  arena_free(&r->arena);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_kib(void) {
  struct rusage ru;
  return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

typedef struct Shared {
  const JobList *jl;
  const DriverOptions *o;
  const RuleSet *rules;
  const SummaryTable *global_sums; /* whole-program table, or NULL */
  Parsed *parsed;
  atomic_int next;
} Shared;

static bool has_errors(const Unit *u) {
  for (int k = 0; k < u->ndiags; k++)
    if (u->diags[k]->level == DIAG_ERROR) return true;
  return false;
}

static void parse_tree_sitter(TsFrontend *ts, const Job *j, Parsed *p) {
  p->frontend = "tree-sitter";
  if (ts && j->unsaved)
    p->unit = tsfront_parse_string(ts, j->file, j->unsaved, j->unsaved_len);
  else
    p->unit = ts ? tsfront_parse(ts, j->file, p->why, (int)sizeof p->why) : NULL;
  p->status = p->unit ? FE_OK : FE_NO_FILE;
  if (!ts) snprintf(p->why, sizeof p->why, "the tree-sitter front end could not start");
}

/* One job through the front end the options choose (driver.h). */
void parse_job(const DriverOptions *o, const JobList *jl, Frontend *fe, TsFrontend *ts,
               const Job *j, Parsed *p) {
  FrontendChoice choice = o->frontend;
  if (choice == FRONTEND_TREE_SITTER) {
    parse_tree_sitter(ts, j, p);
    return;
  }
  p->frontend = "libclang";
  if (j->unsaved)
    p->status = frontend_parse_unsaved(fe, j->file, j->args, j->nargs, j->dir, j->unsaved,
                                       j->unsaved_len, &p->unit, p->why, (int)sizeof p->why);
  else
    p->status = frontend_parse(fe, j->file, j->args, j->nargs, j->dir, &p->unit, p->why,
                               (int)sizeof p->why);
  if (choice == FRONTEND_CLANG || o->parse_only || p->status == FE_NO_FILE) return;
  /* An editor's buffer is often half-typed: whatever its flags, while
     libclang cannot parse it, tree-sitter answers. */
  bool flags_known = (j->nargs > 0 || jl->db_path) && !j->unsaved;
  bool fatal = p->status == FE_PARSE_FAIL || (p->unit && p->unit->fatal);
  if (!fatal && (flags_known || !(has_errors(p->unit) || p->unit->headers_missing))) return;
  Parsed clang = *p;
  p->unit = NULL;
  parse_tree_sitter(ts, j, p);
  if (!p->unit) { /* keep libclang's answer */
    *p = clang;
    return;
  }
  p->fell_back = true;
  p->clang_fatal = fatal;
  p->clang_diags = clang.unit;
}

/* Phase 1 runs in worker processes (isolate.h); each has its own front ends,
   and builds its units in the region isolate gives it for the job. */
void front_ends_init(FrontEnds *f, const DriverOptions *o, const RuleSet *rules) {
  f->fe = o->frontend == FRONTEND_TREE_SITTER ? NULL : frontend_new();
  f->ts = o->frontend == FRONTEND_CLANG ? NULL : tsfront_new(rules);
  if (f->fe) frontend_set_parse_only(f->fe, o->parse_only);
  if (f->ts) tsfront_set_parse_only(f->ts, o->parse_only);
}

bool front_ends_parse(FrontEnds *f, const DriverOptions *o, const JobList *jl, int i,
                      ArenaRegion *region, Parsed *p) {
  if (o->cancel && atomic_load(o->cancel)) return false;
  if (f->fe) frontend_set_region(f->fe, region);
  if (f->ts) tsfront_set_region(f->ts, region);
  parse_job(o, jl, f->fe, f->ts, &jl->jobs[i], p);
  return true;
}

void front_ends_fini(FrontEnds *f) {
  tsfront_delete(f->ts);
  if (f->fe) frontend_delete(f->fe);
}

typedef struct ParseWorker {
  Shared *s;
  FrontEnds f;
} ParseWorker;

static void *parse_worker_new(void *ctx) {
  ParseWorker *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->s = ctx;
  front_ends_init(&w->f, w->s->o, w->s->rules);
  return w;
}

static void parse_worker_run(void *worker, int i, ArenaRegion *region, Parsed *p) {
  ParseWorker *w = worker;
  const Shared *s = w->s;
  /* Workers are processes: the count is the job's place in the list. */
  if (front_ends_parse(&w->f, s->o, s->jl, i, region, p) && s->o->progress)
    progress_show(i + 1, s->jl->njobs, s->jl->jobs[i].file);
}

static void parse_worker_delete(void *worker) {
  ParseWorker *w = worker;
  if (!w) return;
  front_ends_fini(&w->f);
  free(w);
}

typedef struct Worker {
  Shared *s;
  FindingList *out;
} Worker;

void analyze_unit(const SummaryTable *sums, const RuleSet *rules, const DriverOptions *o, Unit *u,
                  FindingList *out) {
  SummaryTable *local = NULL;
  if (!sums && o->summaries) {
    local = summary_table_new();
    summary_compute(local, &u, 1, rules, &o->engine);
    sums = local;
  }
  Callees c = summary_callees(sums, rules, u);
  for (int k = 0; k < u->nfuncs; k++) {
    if (o->cancel && atomic_load(o->cancel)) break;
    engine_run(u->funcs[k], &c, &o->engine, out);
    /* With the unit's own results, so a cached run keeps it too. */
    const char *why = summary_stopped(sums, u, u->funcs[k]);
    if (why) findings_note(out, u->funcs[k]->loc, why);
  }
  if (local) summary_table_delete(local);
}

static void *analyze_worker(void *arg) {
  Worker *w = arg;
  Shared *s = w->s;
  thread_altstack(true);
  for (;;) {
    int i = atomic_fetch_add(&s->next, 1);
    if (i >= s->jl->njobs) break;
    if (s->parsed[i].unit) analyze_unit(s->global_sums, s->rules, s->o, s->parsed[i].unit, w->out);
  }
  thread_altstack(false);
  return NULL;
}

/* Runs fn on `n` threads with big stacks (BIG_STACK, isolate.h); thread i
   gets args + i * stride. A thread that cannot be started leaves its share
   of the jobs to the others, since jobs come from a shared counter; if none
   can, the calling thread does them all. */
void run_parallel(int n, void *(*fn)(void *), void *args, size_t stride) {
  pthread_t *t = calloc((size_t)n, sizeof *t);
  bool *started = calloc((size_t)n, sizeof *started);
  pthread_attr_t at;
  bool attr = pthread_attr_init(&at) == 0 && pthread_attr_setstacksize(&at, BIG_STACK) == 0;
  int nstarted = 0;
  for (int i = 0; i < n; i++) {
    started[i] =
        pthread_create(&t[i], attr ? &at : NULL, fn, (char *)args + stride * (size_t)i) == 0;
    nstarted += started[i];
  }
  if (nstarted == 0) fn(args);
  for (int i = 0; i < n; i++)
    if (started[i]) pthread_join(t[i], NULL);
  if (attr) pthread_attr_destroy(&at);
  free(started);
  free(t);
}

typedef struct SummaryCall {
  SummaryTable *st;
  Unit **units;
  int nunits;
  const RuleSet *rules;
  const EngineOptions *eo;
  int jobs;
} SummaryCall;

static void summary_call(void *p) {
  SummaryCall *c = p;
  summary_compute_jobs(c->st, c->units, c->nunits, c->rules, c->eo, c->jobs);
}

/* summary_compute_jobs runs one of its workers on the calling thread, and
   the engine recurses on expressions: that thread gets a big stack too. */
void compute_summaries(SummaryTable *st, Unit **units, int nunits, const RuleSet *rules,
                       const EngineOptions *eo, int jobs) {
  SummaryCall sc = {st, units, nunits, rules, eo, jobs};
  run_on_big_stack(summary_call, &sc, BIG_STACK);
}

void add_problem(DriverResult *r, DiagLevel level, Loc loc, const char *msg) {
  InputProblem *p = ARENA_NEW(&r->arena, InputProblem);
  p->level = level;
  p->loc = loc;
  p->loc.file = loc.file ? arena_strdup(&r->arena, loc.file) : NULL;
  p->msg = arena_strdup(&r->arena, msg);
  vec_push(&r->arena, &r->problems, p);
}

/* clang would parse C++ as C (connlint passes -x c) and report nonsense or,
   worse, nothing: such units are skipped with a note. */
bool is_cplusplus(const Job *j) {
  static const char *const exts[] = {".cc",  ".cpp", ".cxx", ".c++", ".C", ".CC", ".cp",
                                     ".CPP", ".hpp", ".hh",  ".hxx", ".H", ".ii", ".mm"};
  const char *dot = strrchr(j->file, '.');
  const char *slash = strrchr(j->file, '/');
  if (dot && (!slash || dot > slash))
    for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++)
      if (strcmp(dot, exts[k]) == 0) return true;
  for (int i = 0; i < j->nargs; i++) {
    const char *a = j->args[i];
    const char *lang = strcmp(a, "-x") == 0 && i + 1 < j->nargs ? j->args[i + 1]
                       : strncmp(a, "-x", 2) == 0               ? a + 2
                                                                : NULL;
    if (lang && (strncmp(lang, "c++", 3) == 0 || strncmp(lang, "objective-c++", 13) == 0))
      return true;
    if (strncmp(a, "-std=c++", 8) == 0 || strncmp(a, "-std=gnu++", 10) == 0) return true;
  }
  return false;
}

/* Whether some function of u has a statement: clang's recovery keeps the
   statements it could make sense of, so none at all after errors means the
   code was not understood (its headers and macros are missing). */
static bool has_statements(const Unit *u) {
  for (int k = 0; k < u->nfuncs; k++)
    for (int b = 0; b < u->funcs[k]->nblocks; b++)
      if (u->funcs[k]->blocks[b]->nstmts > 0) return true;
  return false;
}

/* The first few errors of a unit are shown, then a count: a binary file
   would otherwise print tens of thousands of lines. */
enum { MAX_ERRORS_SHOWN = 10 };

/* Reports what the front end said about job i; returns whether the unit is
   worth analyzing. */
bool review_parse(DriverResult *r, const Job *j, Parsed *p, bool parse_only) {
  Loc fileloc = {.file = j->file};
  if (p->fell_back) {
    /* libclang's reasons stay visible: they say what flags would fix. */
    int errors = 0;
    for (int k = 0; p->clang_diags && k < p->clang_diags->ndiags; k++) {
      const Diag *d = p->clang_diags->diags[k];
      if (d->level == DIAG_ERROR && errors++ >= 3) continue;
      add_problem(r, DIAG_NOTE, d->loc, d->msg);
    }
    char msg[200];
    snprintf(msg, sizeof msg,
             "libclang could not parse this unit%s; analyzed with tree-sitter instead "
             "(--frontend=clang to insist)",
             p->clang_fatal ? "" : " without flags");
    add_problem(r, DIAG_NOTE, fileloc, msg);
    if (p->clang_diags) unit_delete(p->clang_diags);
    p->clang_diags = NULL;
  }
  if (!p->unit) {
    add_problem(r, DIAG_ERROR, fileloc, p->why[0] ? p->why : "could not be parsed");
    return false;
  }
  int errors = 0;
  for (int k = 0; k < p->unit->ndiags; k++) {
    const Diag *d = p->unit->diags[k];
    if (d->level == DIAG_ERROR && ++errors > MAX_ERRORS_SHOWN) continue;
    add_problem(r, d->level, d->loc, d->msg);
  }
  if (errors > MAX_ERRORS_SHOWN) {
    char msg[160];
    snprintf(msg, sizeof msg, "%d more parse errors not shown (%d in all)",
             errors - MAX_ERRORS_SHOWN, errors);
    add_problem(r, DIAG_NOTE, fileloc, msg);
  }
  /* A unit with errors and no function body is not C we can analyze. */
  if (p->unit->fatal || (errors > 0 && p->unit->nfuncs == 0 && !parse_only)) {
    add_problem(r, DIAG_ERROR, fileloc,
                "could not be parsed as C: no function was analyzed (check the compiler flags)");
    return false;
  }
  if (errors > 0 && !parse_only && !has_statements(p->unit)) {
    add_problem(r, DIAG_ERROR, fileloc,
                "could not be analyzed: no statement of its functions parsed (missing headers "
                "or macros? pass -I/-D flags after --, or use -p BUILD_DIR)");
    return false;
  }
  if (errors > 0) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "%d parse error%s; the %d function%s that parsed were analyzed, results may be "
             "incomplete",
             errors, errors == 1 ? "" : "s", p->unit->nfuncs, p->unit->nfuncs == 1 ? "" : "s");
    add_problem(r, DIAG_NOTE, fileloc, msg);
  }
  return true;
}

/* --check-rules: the rules of rule files (not built-in packs, which cover
   whole libraries) that no call in the analyzed code resolved to. */
void unmatched_rules(DriverResult *r, const RuleSet *rules, const Map *matched) {
  for (int pass = 0; pass < 2; pass++) {
    FuncRule **fs = pass ? rules->patterns : rules->funcs;
    int n = pass ? rules->npatterns : rules->nfuncs;
    for (int i = 0; i < n; i++) {
      const FuncRule *f = fs[i];
      if (f->from_summary || strcmp(f->pack, "attrs") == 0 || rules_is_builtin(f) ||
          rules_matched(matched, f))
        continue;
      Loc loc = f->loc;
      loc.col = 0;
      char msg[600];
      snprintf(msg, sizeof msg, "the rule for '%s' matched no call in the analyzed code", f->name);
      add_problem(r, DIAG_WARNING, loc, msg);
    }
  }
}

/* Phase 3: every function of every unit, findings merged and sorted. */
static void analyze_all(Shared *s, int n, DriverResult *r) {
  FindingList *lists = calloc((size_t)n, sizeof(FindingList));
  Worker *ws = calloc((size_t)n, sizeof(Worker));
  for (int i = 0; i < n; i++) {
    findings_init(&lists[i]);
    ws[i] = (Worker){.s = s, .out = &lists[i]};
  }
  atomic_store(&s->next, 0);
  run_parallel(n, analyze_worker, ws, sizeof(Worker));
  for (int i = 0; i < n; i++) {
    findings_merge(&r->findings, &lists[i]);
    findings_free(&lists[i]);
  }
  free(lists);
  free(ws);
  findings_sort(&r->findings);
}

void driver_run(const JobList *jl, RuleSet *rules, const DriverOptions *o, DriverResult *r) {
  if (o->cache && o->dump == DUMP_NONE && !o->parse_only && !o->summaries_out &&
      !o->extra_summaries) {
    driver_run_cached(jl, rules, o, r);
    return;
  }
  int n = o->jobs > 0 ? o->jobs : 1;
  if (n > jl->njobs) n = jl->njobs > 0 ? jl->njobs : 1;

  Shared s = {.jl = jl, .o = o, .rules = rules};
  s.parsed = calloc((size_t)jl->njobs + 1, sizeof(Parsed));
  bool *skip = calloc((size_t)jl->njobs + 1, sizeof(bool));
  int ncpp = 0;
  for (int i = 0; i < jl->njobs; i++)
    ncpp += skip[i] = is_cplusplus(&jl->jobs[i]);

  double t0 = now();
  IsolateOptions io = {.jobs = n,
                       .timeout = o->timeout,
                       .mem_limit = o->mem_limit,
                       .parse_only = o->parse_only,
                       /* The language server runs this on one of its threads and
                          may cancel: no forking there, the front ends in process. */
                       .in_process = o->in_process || o->cancel,
                       .skip = skip};
  ParseHooks hooks = {&s, parse_worker_new, parse_worker_run, parse_worker_delete};
  Isolate *iso = isolate_parse(jl, &io, &hooks, s.parsed);
  if (o->progress) progress_clear();
  r->parse_seconds = now() - t0;
  {
    struct rusage ru;
    if (getrusage(RUSAGE_CHILDREN, &ru) == 0) r->peak_parser_kib = ru.ru_maxrss;
  }

  /* Rules checked against the code, each problem once per run. */
  Map seen = {0}, matched = {0};
  Vec warnings = {0};
  r->frontends = ARENA_ARRAY(&r->arena, const char *, jl->njobs + 1);
  for (int i = 0; i < jl->njobs; i++) {
    Parsed *p = &s.parsed[i];
    if (skip[i]) {
      /* Every input C++: nothing was analyzed, which is an input error. */
      bool all = ncpp == jl->njobs;
      add_problem(r, all ? DIAG_ERROR : DIAG_NOTE, (Loc){.file = jl->jobs[i].file},
                  "is C++; connlint analyzes C only, so it was skipped");
      if (all) r->files_failed++;
      continue;
    }
    if (review_parse(r, &jl->jobs[i], p, o->parse_only)) {
      r->frontends[i] = p->frontend;
      r->files_ok++;
      r->ir_bytes += p->unit->arena.used;
      rules_check_unit(rules, p->unit, &r->arena, &seen, &warnings);
      if (o->check_rules) rules_note_matches(rules, p->unit, &r->arena, &matched);
      rules_add_ownership_attrs(rules, p->unit);
    } else {
      r->files_failed++;
      if (p->unit) {
        unit_delete(p->unit);
        p->unit = NULL;
      }
    }
  }
  rules_finish(rules);
  {
    /* Globals the program never changes read as their value: across all
       units in a whole-program run, else per unit. */
    Unit **units = calloc((size_t)jl->njobs + 1, sizeof(Unit *));
    int nu = 0;
    for (int i = 0; i < jl->njobs; i++)
      if (s.parsed[i].unit) units[nu++] = s.parsed[i].unit;
    if (o->whole_program && o->summaries)
      ir_fix_globals(units, nu, true);
    else
      for (int i = 0; i < nu; i++)
        ir_fix_globals(&units[i], 1, false);
    free(units);
  }
  r->peak_parse_kib = peak_kib();
  for (int i = 0; i < warnings.len; i++) {
    const RuleWarning *w = warnings.data[i];
    add_problem(r, DIAG_WARNING, w->loc, w->msg);
  }
  if (o->check_rules && r->files_ok > 0) unmatched_rules(r, rules, &matched);

  if (o->parse_only) {
    /* nothing more: the figures are the point */
  } else if (o->dump != DUMP_NONE) {
    Arena a;
    arena_init(&a);
    for (int i = 0; i < jl->njobs; i++) {
      Unit *u = s.parsed[i].unit;
      for (int k = 0; u && k < u->nfuncs; k++) {
        Buf b = {0};
        if (o->dump == DUMP_DOT)
          ir_dump_dot(&a, &b, u->funcs[k]);
        else
          ir_dump_text(&a, &b, u->funcs[k]);
        fputs(buf_str(&a, &b), o->dump_out);
      }
      arena_free(&a);
    }
  } else if (o->summaries_out && !(o->summaries && o->whole_program)) {
    /* nothing to write */
  } else {
    double t1 = now();
    SummaryTable *global = NULL;
    if (o->summaries && o->whole_program) {
      Unit **units = calloc((size_t)jl->njobs + 1, sizeof(Unit *));
      int nu = 0;
      for (int i = 0; i < jl->njobs; i++)
        if (s.parsed[i].unit) units[nu++] = s.parsed[i].unit;
      unit_merge_fnptrs(units, nu); /* before any thread reads the units */
      global = summary_table_new();
      /* A unit that failed to parse may hold calls we cannot see. */
      summary_set_whole_program(global, r->files_failed == 0);
      char err[256];
      if (o->extra_summaries && summary_read(global, rules, o->extra_summaries, err, sizeof err))
        add_problem(
            r, DIAG_NOTE, (Loc){0},
            arena_printf(&r->arena, "summaries of the rest of the program unusable: %s", err));
      compute_summaries(global, units, nu, rules, &o->engine, n);
      free(units);
      s.global_sums = global;
      if (o->summaries_out) summary_write(global, o->summaries_out, o->summaries_arena);
    }
    r->peak_summary_kib = peak_kib();
    if (!o->summaries_out) analyze_all(&s, n, r);
    if (global) summary_table_delete(global);
    r->analyze_seconds = now() - t1;
    r->peak_analysis_kib = peak_kib();
  }

  for (int i = 0; i < jl->njobs; i++)
    if (s.parsed[i].unit) unit_delete(s.parsed[i].unit);
  isolate_delete(iso);
  free(skip);
  free(s.parsed);
}
