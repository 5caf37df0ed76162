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

#include "frontend.h"
#include "summary.h"
#include "tsfront.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
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

/* Per-job outcome of phase 1. */
typedef struct Parsed {
  Unit *unit;    /* NULL when the file could not be parsed */
  char why[512]; /* FE_NO_FILE / FE_PARSE_FAIL explanation */
  FrontendStatus status;
  const char *frontend; /* which one made unit */
  bool fell_back;       /* auto: libclang could not, tree-sitter did */
  bool clang_fatal;     /* ... because libclang's parse failed outright */
  Unit *clang_diags;    /* ... libclang's unit, for its messages (NULL: none) */
} Parsed;

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
static void parse_job(Shared *s, Frontend *fe, TsFrontend *ts, const Job *j, Parsed *p) {
  FrontendChoice choice = s->o->frontend;
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
  if (choice == FRONTEND_CLANG || s->o->parse_only || p->status == FE_NO_FILE) return;
  /* An editor's buffer is often half-typed: whatever its flags, while
     libclang cannot parse it, tree-sitter answers. */
  bool flags_known = (j->nargs > 0 || s->jl->db_path) && !j->unsaved;
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

static void *parse_worker(void *arg) {
  Shared *s = arg;
  Frontend *fe = s->o->frontend == FRONTEND_TREE_SITTER ? NULL : frontend_new();
  TsFrontend *ts = s->o->frontend == FRONTEND_CLANG ? NULL : tsfront_new(s->rules);
  if (fe) frontend_set_parse_only(fe, s->o->parse_only);
  if (ts) tsfront_set_parse_only(ts, s->o->parse_only);
  for (;;) {
    int i = atomic_fetch_add(&s->next, 1);
    if (i >= s->jl->njobs) break;
    if (s->o->cancel && atomic_load(s->o->cancel)) continue; /* nobody wants the result */
    parse_job(s, fe, ts, &s->jl->jobs[i], &s->parsed[i]);
  }
  tsfront_delete(ts);
  if (fe) frontend_delete(fe);
  return NULL;
}

typedef struct Worker {
  Shared *s;
  FindingList *out;
} Worker;

static void analyze_unit(Shared *s, Unit *u, FindingList *out) {
  SummaryTable *local = NULL;
  const SummaryTable *sums = s->global_sums;
  if (!sums && s->o->summaries) {
    local = summary_table_new();
    summary_compute(local, &u, 1, s->rules, &s->o->engine);
    sums = local;
  }
  Callees c = summary_callees(sums, s->rules, u);
  for (int k = 0; k < u->nfuncs; k++) {
    if (s->o->cancel && atomic_load(s->o->cancel)) break;
    engine_run(u->funcs[k], &c, &s->o->engine, out);
  }
  if (local) summary_table_delete(local);
}

static void *analyze_worker(void *arg) {
  Worker *w = arg;
  Shared *s = w->s;
  for (;;) {
    int i = atomic_fetch_add(&s->next, 1);
    if (i >= s->jl->njobs) break;
    if (s->parsed[i].unit) analyze_unit(s, s->parsed[i].unit, w->out);
  }
  return NULL;
}

/* Runs fn on `n` threads, the calling thread being the first; thread i gets
   args + i * stride. A thread that cannot be started leaves its share of
   the jobs to the others, since jobs come from a shared counter. */
static void run_parallel(int n, void *(*fn)(void *), void *args, size_t stride) {
  pthread_t *t = calloc((size_t)n, sizeof *t);
  bool *started = calloc((size_t)n, sizeof *started);
  for (int i = 1; i < n; i++)
    started[i] = pthread_create(&t[i], NULL, fn, (char *)args + stride * (size_t)i) == 0;
  fn(args);
  for (int i = 1; i < n; i++)
    if (started[i]) pthread_join(t[i], NULL);
  free(started);
  free(t);
}

static void add_problem(DriverResult *r, DiagLevel level, Loc loc, const char *msg) {
  InputProblem *p = ARENA_NEW(&r->arena, InputProblem);
  p->level = level;
  p->loc = loc;
  p->loc.file = loc.file ? arena_strdup(&r->arena, loc.file) : NULL;
  p->msg = arena_strdup(&r->arena, msg);
  vec_push(&r->arena, &r->problems, p);
}

/* Reports what the front end said about job i; returns whether the unit is
   worth analyzing. */
static bool review_parse(DriverResult *r, const Job *j, Parsed *p, bool parse_only) {
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
    if (d->level == DIAG_ERROR) errors++;
    add_problem(r, d->level, d->loc, d->msg);
  }
  /* A unit with errors and no function body is not C we can analyze. */
  if (p->unit->fatal || (errors > 0 && p->unit->nfuncs == 0 && !parse_only)) {
    add_problem(r, DIAG_ERROR, fileloc,
                "could not be parsed as C: no function was analyzed (check the compiler flags)");
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
  int n = o->jobs > 0 ? o->jobs : 1;
  if (n > jl->njobs) n = jl->njobs > 0 ? jl->njobs : 1;

  Shared s = {.jl = jl, .o = o, .rules = rules};
  s.parsed = calloc((size_t)jl->njobs + 1, sizeof(Parsed));

  double t0 = now();
  atomic_store(&s.next, 0);
  run_parallel(n, parse_worker, &s, 0); /* stride 0: all workers share s */
  r->parse_seconds = now() - t0;

  r->frontends = ARENA_ARRAY(&r->arena, const char *, jl->njobs + 1);
  for (int i = 0; i < jl->njobs; i++) {
    Parsed *p = &s.parsed[i];
    if (review_parse(r, &jl->jobs[i], p, o->parse_only)) {
      r->frontends[i] = p->frontend;
      r->files_ok++;
      r->ir_bytes += p->unit->arena.used;
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
      global = summary_table_new();
      char err[256];
      if (o->extra_summaries && summary_read(global, rules, o->extra_summaries, err, sizeof err))
        add_problem(
            r, DIAG_NOTE, (Loc){0},
            arena_printf(&r->arena, "summaries of the rest of the program unusable: %s", err));
      summary_compute_jobs(global, units, nu, rules, &o->engine, n);
      free(units);
      s.global_sums = global;
      if (o->summaries_out) summary_write(global, o->summaries_out, o->summaries_arena);
    }
    if (!o->summaries_out) analyze_all(&s, n, r);
    if (global) summary_table_delete(global);
    r->analyze_seconds = now() - t1;
  }

  for (int i = 0; i < jl->njobs; i++)
    if (s.parsed[i].unit) unit_delete(s.parsed[i].unit);
  free(s.parsed);
}
