/*
 * driver_cache.c - the incremental run: units whose results are still
 * valid come from the cache; only the others are parsed and analyzed.
 *
 * A unit's cached results are reused when
 *   - its file and every file it included are unchanged (fresh),
 *   - the rule set is the same as when they were computed, and
 *   - every function it calls from another unit has the summary it had
 *     then, and its external names are as ambiguous as they were.
 * The first two are checked up front. The third depends on the units that
 * are re-analyzed: their summaries are computed (with the reused units'
 * summaries read from the cache as context), and every reused unit whose
 * imports no longer match joins them; this repeats until nothing changes.
 * So an edit re-analyzes its unit and the callers of what it changed,
 * transitively, and no others.
 *
 * Some facts need every unit: globals no unit writes read as their value,
 * a function pointer with external linkage may hold what any unit stores
 * into it, and a function all of whose callers are in sight gets what they
 * guarantee on its arguments (preconditions). An entry keeps what its unit
 * adds to those (cache_program_write, summary_write_facts), so they are
 * computed from the parsed units and the reused units' records alike, and
 * the digest of what the program gave the unit (its globals' values, its
 * function pointers' targets, its external functions' preconditions): a
 * reused unit whose digest no longer matches is re-analyzed too, in the
 * same fixpoint. An edit that adds a write to a global, or a call with
 * other arguments, re-analyzes the units that read the global or define
 * the callee. The same goes for how callers treat a function's failure
 * and for the global fields main sets up (summary_facts.c); the latter need
 * main's code and that of the functions whose effects main applies, so
 * when what the pass reads changed, those units are parsed too
 * (startup_needs).
 *
 * The result is the one a run without the cache gives: the summaries a
 * re-analyzed unit sees are those of the whole program, and a reused unit's
 * results depend on nothing that changed. Units with diagnostics (parse
 * errors, missing headers) are never cached: their results depend on files
 * that are not there.
 */
#include "driver_int.h"

#include "cache.h"
#include "summary.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct UnitState {
  Digest slot;
  const char *file; /* the main file as this process opens it */
  Digest file_digest;
  bool have;  /* entry loaded */
  bool fresh; /* entry's file and includes unchanged */
  bool reuse; /* entry's results are used */
  bool parse; /* to be parsed (set before a parse batch) */
  bool parsed;
  bool ok;        /* parsed and worth analyzing */
  bool cacheable; /* ok and without diagnostics */
  bool left_out;  /* context only: neither reusable nor parsed */
  bool cplusplus; /* skipped */
  CacheUnit entry;
  Parsed p;
  FindingList findings; /* when analyzed */
  const char *program;  /* parsed: cache_program_write before the program passes */
  Unit *stub;           /* reused: the unit as the program passes see it */
  const char *checks;   /* cache_checks_write text, from the entry or the parsed unit */
  FnTargets *fnptrs;    /* of `of` (p.unit or stub) as parsed: restored before each merge */
  int nfnptrs;
  const Unit *of;
} UnitState;

typedef struct Run {
  const JobList *jl;
  const DriverOptions *o;
  const RuleSet *rules;
  UnitState *us;
  const SummaryTable *table; /* whole-program summaries, or NULL */
  int *todo, ntodo;          /* the batch the workers take from */
  atomic_int next, done;
  Vec isolates; /* Isolate *: the memory of the parsed units, one per batch */
  Arena arena;  /* entries, paths */
} Run;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What a result depends on besides the unit: the options that change it. */
static Digest slot_of(const Job *j, const DriverOptions *o) {
  char opts[160];
  snprintf(opts, sizeof opts, "wp=%d sums=%d exit=%d states=%d secs=%g fe=%d", o->whole_program,
           o->summaries, o->engine.report_exit_paths, o->engine.max_states, o->engine.max_seconds,
           (int)o->frontend);
  Digest d = digest_str(opts);
  digest_mix(&d, digest_str(j->file));
  digest_mix(&d, digest_str(j->dir ? j->dir : ""));
  for (int i = 0; i < j->nargs; i++)
    digest_mix(&d, digest_str(j->args[i]));
  return d;
}

static const char *job_path(Arena *a, const Job *j) {
  if (j->dir && j->file[0] != '/') return arena_printf(a, "%s/%s", j->dir, j->file);
  return j->file;
}

/* ---- Workers ------------------------------------------------------------------ */

/* Parsing goes through isolate.h, as in a run without the cache: each
   unit in a child process with a time limit, a memory cap and a big stack
   (in process for the language server). */
typedef struct ParseWorker {
  Run *run;
  FrontEnds f;
} ParseWorker;

static void *parse_worker_new(void *ctx) {
  ParseWorker *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->run = ctx;
  front_ends_init(&w->f, w->run->o, w->run->rules);
  return w;
}

static void parse_worker_run(void *worker, int i, ArenaRegion *region, Parsed *p) {
  ParseWorker *w = worker;
  Run *run = w->run;
  if (front_ends_parse(&w->f, run->o, run->jl, i, region, p) && run->o->progress)
    progress_show(atomic_fetch_add(&run->done, 1) + 1, run->ntodo, run->jl->jobs[i].file);
}

static void parse_worker_delete(void *worker) {
  ParseWorker *w = worker;
  if (!w) return;
  front_ends_fini(&w->f);
  free(w);
}

static void *analyze_worker(void *arg) {
  Run *run = arg;
  thread_altstack(true);
  for (;;) {
    int k = atomic_fetch_add(&run->next, 1);
    if (k >= run->ntodo) break;
    UnitState *s = &run->us[run->todo[k]];
    analyze_unit(run->table, run->rules, run->o, s->p.unit, &s->findings);
  }
  thread_altstack(false);
  return NULL;
}

static bool reported(const Run *run, int i) {
  return !run->o->report || run->o->report[i];
}

static int threads(const DriverOptions *o, int work) {
  int n = o->jobs > 0 ? o->jobs : 1;
  return n > work ? (work > 0 ? work : 1) : n;
}

/* Parses every unit marked `parse` and not yet parsed, and reviews what the
   front end said. Returns how many were parsed. */
static int parse_batch(Run *run, DriverResult *r) {
  int n = 0;
  for (int i = 0; i < run->jl->njobs; i++)
    if (run->us[i].parse && !run->us[i].parsed) run->todo[n++] = i;
  if (!n) return 0;
  run->ntodo = n;
  atomic_store(&run->done, 0);
  int nj = run->jl->njobs;
  bool *skip = calloc((size_t)nj + 1, sizeof(bool));
  Parsed *out = calloc((size_t)nj + 1, sizeof(Parsed));
  for (int i = 0; i < nj; i++)
    skip[i] = true;
  for (int k = 0; k < n; k++)
    skip[run->todo[k]] = false;
  const DriverOptions *o = run->o;
  IsolateOptions io = {.jobs = threads(o, n),
                       .timeout = o->timeout,
                       .mem_limit = o->mem_limit,
                       .in_process = o->in_process || o->cancel,
                       .skip = skip};
  ParseHooks hooks = {run, parse_worker_new, parse_worker_run, parse_worker_delete};
  Isolate *iso = isolate_parse(run->jl, &io, &hooks, out);
  vec_push(&run->arena, &run->isolates, iso);
  for (int k = 0; k < n; k++)
    run->us[run->todo[k]].p = out[run->todo[k]];
  free(out);
  free(skip);
  if (o->progress) progress_clear();
  /* What the front end says about context units (not reported) is not
     the user's concern here: their summaries are simply missing. */
  DriverResult quiet;
  driver_result_init(&quiet);
  for (int k = 0; k < n; k++) {
    int i = run->todo[k];
    UnitState *s = &run->us[i];
    s->parsed = true;
    /* A unit tree-sitter made because libclang could not carries notes
       only this run has: not cached. */
    bool fell_back = s->p.fell_back;
    s->ok = review_parse(reported(run, i) ? r : &quiet, &run->jl->jobs[i], &s->p, false);
    if (!s->ok && s->p.unit) {
      unit_delete(s->p.unit);
      s->p.unit = NULL;
    }
    s->cacheable = s->ok && s->p.unit->ndiags == 0 && !fell_back && !run->jl->jobs[i].unsaved;
    if (s->ok) {
      r->frontends[i] = s->p.frontend;
      Buf b = {0};
      cache_program_write(s->p.unit, &b, &run->arena);
      s->program = buf_str(&run->arena, &b);
      if (!run->o->whole_program || !run->o->summaries) ir_fix_globals(&s->p.unit, 1, false);
    }
  }
  driver_result_free(&quiet);
  return n;
}

/* ---- What a unit's results depend on ---------------------------------------- */

static Digest rule_digest(const FuncRule *r) {
  Arena a;
  arena_init(&a);
  Buf b = {0};
  summary_write_rule(r, &b, &a);
  Digest d = digest_str(buf_str(&a, &b));
  arena_free(&a);
  return d;
}

static bool defines(const Unit *u, const char *name) {
  for (int k = 0; k < u->nfuncs; k++)
    if (strcmp(u->funcs[k]->name, name) == 0) return true;
  return false;
}

static void import(const Run *run, const Unit *u, Arena *a, Vec *v, Map *seen, const char *name) {
  if (!name || map_get(seen, str_hash(name), name, str_eq)) return;
  map_put(a, seen, str_hash(name), name, (void *)name, str_eq);
  if (rules_find_func(run->rules, name) || defines(u, name)) return;
  CacheImport *im = ARENA_NEW(a, CacheImport);
  im->name = arena_strdup(a, name);
  im->summary = rule_digest(summary_find_path(run->table, NULL, name));
  vec_push(a, v, im);
}

/* The functions u's code may reach that another unit may define, each
   once, with the summary the whole-program table gives them: what it
   calls, what its function pointers may hold, and functions it hands to
   calls (a thread's start routine). */
static void imports_of(const Run *run, const Unit *u, Arena *a, CacheUnit *cu) {
  Vec v = {0};
  Map seen = {0};
  for (int k = 0; k < u->nfuncs; k++) {
    const Func *f = u->funcs[k];
    for (int b = 0; b < f->nblocks; b++)
      for (int i = 0; i < f->blocks[b]->nstmts; i++) {
        const Stmt *st = f->blocks[b]->stmts[i];
        if (st->kind != STMT_CALL) continue;
        import(run, u, a, &v, &seen, st->callee);
        const FnTargets *t = st->callee ? NULL : var_fn_targets(st->fnvar);
        for (int c = 0; t && c < t->ntargets; c++)
          import(run, u, a, &v, &seen, t->targets[c]);
        for (int m = 0; m < st->nargs; m++)
          if (st->args[m]->kind == EXPR_FUNC) import(run, u, a, &v, &seen, st->args[m]->text);
      }
  }
  cu->nimports = v.len;
  cu->imports = vec_items(a, &v, sizeof(CacheImport));
}

/* Whether a reused unit's imports and definitions still hold in table. */
static bool context_holds(const SummaryTable *table, const CacheUnit *cu) {
  for (int i = 0; i < cu->ndefs; i++)
    if (summary_ambiguous(table, cu->defs[i].name) != cu->defs[i].ambiguous) return false;
  for (int i = 0; i < cu->nimports; i++)
    if (!digest_equal(rule_digest(summary_find_path(table, NULL, cu->imports[i].name)),
                      cu->imports[i].summary))
      return false;
  return true;
}

/* What the program gave unit u (parsed or rebuilt, at `path`) in table. */
static Digest context_of(const SummaryTable *table, const Unit *u, const char *path) {
  Arena a;
  arena_init(&a);
  Buf b = {0};
  cache_program_context(u, &b, &a);
  if (table) summary_write_unit_pre(table, path, &b, &a);
  Digest d = digest_str(buf_str(&a, &b));
  arena_free(&a);
  return d;
}

static void store(Cache *c, const Run *run, UnitState *s, Digest rules) {
  Arena a;
  arena_init(&a);
  const Unit *u = s->p.unit;
  CacheUnit cu = {.path = u->path, .file = s->file_digest, .rules = rules};
  cu.deps = u->includes;
  cu.ndeps = u->nincludes;
  cu.dep_digests = ARENA_ARRAY(&a, Digest, u->nincludes + 1);
  for (int i = 0; i < u->nincludes; i++)
    cache_file_digest(c, u->includes[i], &cu.dep_digests[i]);
  Buf attrs = {0}, sums = {0}, finds = {0};
  cache_attrs_write(u, &attrs, &a);
  cu.attrs = buf_str(&a, &attrs);
  if (run->table) {
    summary_write_unit(run->table, u, &sums, &a);
    imports_of(run, u, &a, &cu);
    Vec defs = {0};
    for (int k = 0; k < u->nfuncs; k++) {
      if (u->funcs[k]->is_static) continue;
      CacheDef *d = ARENA_NEW(&a, CacheDef);
      d->name = u->funcs[k]->name;
      d->ambiguous = summary_ambiguous(run->table, d->name);
      vec_push(&a, &defs, d);
    }
    cu.ndefs = defs.len;
    cu.defs = vec_items(&a, &defs, sizeof(CacheDef));
  }
  cu.summaries = buf_str(&a, &sums);
  Buf facts = {0};
  if (run->table) summary_write_facts(run->table, u->path, &facts, &a);
  cu.facts = buf_str(&a, &facts);
  cu.program = s->program;
  cu.context = context_of(run->table, u, u->path);
  cu.checks = s->checks;
  cache_findings_write(&s->findings, &finds, &a);
  cu.findings = buf_str(&a, &finds);
  cache_unit_store(c, s->slot, &cu);
  arena_free(&a);
}

/* ---- The run ------------------------------------------------------------------ */

/* C++ units are skipped with a note, as in a run without the cache (an
   error when every unit is C++). */
static void skip_cplusplus(Run *run, DriverResult *r) {
  int n = run->jl->njobs, ncpp = 0;
  for (int i = 0; i < n; i++)
    ncpp += run->us[i].cplusplus = is_cplusplus(&run->jl->jobs[i]);
  for (int i = 0; i < n; i++) {
    UnitState *s = &run->us[i];
    if (!s->cplusplus) continue;
    s->fresh = s->parse = s->left_out = false;
    if (!reported(run, i)) continue;
    add_problem(r, ncpp == n ? DIAG_ERROR : DIAG_NOTE, (Loc){.file = run->jl->jobs[i].file},
                "is C++; connlint analyzes C only, so it was skipped");
    if (ncpp == n) r->files_failed++;
  }
}

/* Marks unit i for parsing; with o->cache_context_only, a unit that is
   not an editor's buffer is left out instead. */
static void set_parse(Run *run, int i, bool parse) {
  UnitState *s = &run->us[i];
  if (s->cplusplus) return;
  s->left_out = parse && run->o->cache_context_only && !run->jl->jobs[i].unsaved;
  s->parse = parse && !s->left_out;
}

/* Loads every job's entry and checks it against the files; applies the
   ownership attributes of fresh units and marks the others for parsing. */
static void load_entries(Run *run, Cache *c) {
  for (int i = 0; i < run->jl->njobs; i++) {
    UnitState *s = &run->us[i];
    const Job *j = &run->jl->jobs[i];
    s->slot = slot_of(j, run->o);
    s->file = job_path(&run->arena, j);
    cache_file_digest(c, s->file, &s->file_digest);
    s->have = cache_unit_load(c, s->slot, &run->arena, &s->entry) == 0;
    /* An editor's buffer is not the file on disk. */
    s->fresh = s->have && !j->unsaved && cache_unit_fresh(c, &s->entry, s->file);
    set_parse(run, i, !s->fresh);
  }
}

/* The function pointers of u as parsed: merging rewrites them, and every
   round of the fixpoint merges again from these. */
static void save_fnptrs(Run *run, UnitState *s, const Unit *u) {
  if (s->of == u) return;
  s->of = u;
  s->nfnptrs = u->nfnptrs;
  s->fnptrs = ARENA_ARRAY(&run->arena, FnTargets, u->nfnptrs);
  for (int k = 0; k < u->nfnptrs; k++)
    s->fnptrs[k] = *u->fnptrs[k];
}

static void restore_fnptrs(const UnitState *s, Unit *u) {
  for (int k = 0; k < s->nfnptrs && s->of == u; k++)
    *u->fnptrs[k] = s->fnptrs[k];
}

/* Reads the reused units' summaries and facts into a new table, applies
   the whole-program passes over IR to the parsed units and the reused
   units' records, and computes the parsed units' summaries and everyone's
   preconditions; a reused unit whose entry does not read is marked for
   parsing (NULL then). */
static SummaryTable *build_table(Run *run) {
  SummaryTable *t = summary_table_new();
  char err[256];
  bool bad = false, all_ok = true;
  int nj = run->jl->njobs;
  for (int i = 0; i < nj; i++) {
    UnitState *s = &run->us[i];
    if (!s->reuse) {
      all_ok = all_ok && (s->ok || s->cplusplus);
      /* Its previous startup facts, should the pass lack code to run (a
         damaged record only costs the pass a parse). */
      if (s->ok && s->have) summary_read_prior(t, s->entry.path, s->entry.facts, err, sizeof err);
      continue;
    }
    if (!s->stub) s->stub = cache_program_unit(s->entry.path, s->entry.program);
    if (!s->stub || summary_read(t, run->rules, s->entry.summaries, err, sizeof err) != 0 ||
        summary_read_facts(t, s->entry.path, s->entry.facts, err, sizeof err) != 0) {
      s->reuse = false;
      set_parse(run, i, true);
      bad = true;
    }
  }
  if (bad) {
    summary_table_delete(t);
    return NULL;
  }
  /* A unit that failed to parse may hold calls we cannot see. */
  summary_set_whole_program(t, all_ok);
  Unit **units = calloc((size_t)nj + 1, sizeof(Unit *));
  Unit **all = calloc((size_t)nj + 1, sizeof(Unit *));
  int n = 0, nall = 0;
  for (int i = 0; i < nj; i++) {
    UnitState *s = &run->us[i];
    Unit *u = s->reuse ? s->stub : s->ok ? s->p.unit : NULL;
    if (!u) continue;
    save_fnptrs(run, s, u);
    restore_fnptrs(s, u);
    all[nall++] = u;
    if (!s->reuse) units[n++] = u;
  }
  /* In job order, as a run without the cache gives them. */
  ir_fix_globals(all, nall, true);
  unit_merge_fnptrs(all, nall);
  free(all);
  compute_summaries(t, units, n, run->rules, &run->o->engine, threads(run->o, n));
  free(units);
  return t;
}

/* Marks for parsing the reused units whose code the startup pass needs
   (summary_startup_needs); returns how many. */
static int startup_needs(Run *run, const SummaryTable *table) {
  const char *const *need;
  int n = summary_startup_needs(table, &need), marked = 0;
  for (int k = 0; k < n; k++)
    for (int i = 0; i < run->jl->njobs; i++) {
      UnitState *s = &run->us[i];
      if (!s->reuse || strcmp(s->entry.path, need[k]) != 0) continue;
      s->reuse = false;
      set_parse(run, i, true);
      marked++;
    }
  return marked;
}

/* Whether a reused unit's results still hold: what it imports, the
   ambiguity of what it defines and what the program gives it. */
static bool still_holds(const SummaryTable *table, const UnitState *s) {
  return context_holds(table, &s->entry) &&
         digest_equal(context_of(table, s->stub, s->entry.path), s->entry.context);
}

/* The rules checked against every unit, from its entry or as parsed:
   warnings (each once, in job order) and, with --check-rules, the rules
   nothing matched. */
static void rule_checks(Run *run, DriverResult *r) {
  Map seen = {0}, matched = {0};
  Vec warnings = {0};
  bool any = false;
  for (int i = 0; i < run->jl->njobs; i++) {
    UnitState *s = &run->us[i];
    if (!s->reuse && !s->ok) continue;
    if (!s->reuse) {
      Buf b = {0};
      cache_checks_write(run->rules, s->p.unit, &b, &run->arena);
      s->checks = buf_str(&run->arena, &b);
    } else {
      s->checks = s->entry.checks;
    }
    if (!reported(run, i)) continue;
    any = true;
    if (cache_checks_read(run->rules, s->checks, &run->arena, &seen, &warnings, &matched) != 0) {
      /* A damaged entry costs its rule warnings only. */
      continue;
    }
  }
  for (int i = 0; i < warnings.len; i++) {
    const RuleWarning *w = warnings.data[i];
    add_problem(r, DIAG_WARNING, w->loc, w->msg);
  }
  if (run->o->check_rules && any) unmatched_rules(r, run->rules, &matched);
}

void driver_run_cached(const JobList *jl, RuleSet *rules, const DriverOptions *o, DriverResult *r) {
  Cache *c = o->cache;
  int nj = jl->njobs;
  Run run = {.jl = jl, .o = o, .rules = rules};
  arena_init(&run.arena);
  run.us = calloc((size_t)nj + 1, sizeof(UnitState));
  run.todo = calloc((size_t)nj + 1, sizeof(int));

  r->frontends = ARENA_ARRAY(&r->arena, const char *, nj + 1);
  double t0 = now();
  load_entries(&run, c);
  skip_cplusplus(&run, r);
  parse_batch(&run, r);
  /* The rule set as a run without the cache builds it: attributes in job
     order, from the entry or the parsed unit. */
  for (int i = 0; i < nj; i++) {
    UnitState *s = &run.us[i];
    if (s->fresh && cache_attrs_apply(rules, s->entry.path, s->entry.attrs) != 0) s->fresh = false;
    if (s->ok) rules_add_ownership_attrs(rules, s->p.unit);
  }
  rules_finish(rules);
  Digest rd = cache_rules_digest(rules);
  for (int i = 0; i < nj; i++) {
    UnitState *s = &run.us[i];
    s->reuse = s->fresh && digest_equal(s->entry.rules, rd);
    set_parse(&run, i, !s->reuse);
  }
  parse_batch(&run, r);
  r->parse_seconds = now() - t0;

  double t1 = now();
  SummaryTable *table = NULL;
  if (o->summaries && o->whole_program) {
    for (;;) {
      table = build_table(&run);
      int dirty = 0;
      /* An editor's buffer takes the rest of the program as the cache has
         it: the units it would change are not analyzed again. */
      for (int i = 0; table && i < nj && !o->cache_context_only; i++) {
        UnitState *s = &run.us[i];
        if (s->reuse && !still_holds(table, s)) {
          s->reuse = false;
          s->parse = true;
          dirty++;
        }
      }
      if (table && !o->cache_context_only) dirty += startup_needs(&run, table);
      if (table && !dirty) break;
      summary_table_delete(table);
      table = NULL;
      double tp = now();
      parse_batch(&run, r);
      r->parse_seconds += now() - tp;
    }
  }
  run.table = table;

  int n = 0;
  for (int i = 0; i < nj; i++) {
    UnitState *s = &run.us[i];
    findings_init(&s->findings);
    if (!s->reuse && s->ok) run.todo[n++] = i;
  }
  run.ntodo = n;
  atomic_store(&run.next, 0);
  run_parallel(threads(o, n), analyze_worker, &run, 0);
  /* A cancelled run's results are cut short: nothing of it is kept. */
  bool store_ok = !o->cache_context_only && !(o->cancel && atomic_load(o->cancel));
  rule_checks(&run, r);

  for (int i = 0; i < nj; i++) {
    UnitState *s = &run.us[i];
    bool report = reported(&run, i);
    if (s->reuse) {
      r->files_ok += report;
      r->files_cached += report;
      /* Only units a chosen front end made are cached (not fallbacks). */
      r->frontends[i] = o->frontend == FRONTEND_TREE_SITTER ? "tree-sitter" : "libclang";
      if (report && cache_findings_read(&s->findings, s->entry.findings) != 0) {
        /* A damaged entry: analyze the unit after all. */
        findings_free(&s->findings);
        findings_init(&s->findings);
        s->reuse = false;
        s->parse = true;
        r->files_cached -= report;
        parse_batch(&run, r);
        if (s->ok) analyze_unit(run.table, run.rules, run.o, s->p.unit, &s->findings);
      }
    } else if (s->ok) {
      r->files_ok += report;
      r->ir_bytes += s->p.unit->arena.used;
      if (store_ok && s->cacheable) {
        store(c, &run, s, rd);
      } else {
        r->files_uncached++;
        if (store_ok && s->have) cache_unit_forget(c, s->slot); /* not valid any more */
      }
    } else if (s->left_out) {
      r->files_left_out++;
    } else if (s->cplusplus) {
      /* noted above */
    } else {
      r->files_failed += report;
      r->files_uncached++;
      if (store_ok && s->have) cache_unit_forget(c, s->slot);
    }
    if (report) findings_merge(&r->findings, &s->findings);
    findings_free(&s->findings);
  }
  findings_sort(&r->findings);
  r->analyze_seconds = now() - t1;

  if (table) summary_table_delete(table);
  for (int i = 0; i < nj; i++) {
    if (run.us[i].p.unit) unit_delete(run.us[i].p.unit);
    if (run.us[i].stub) unit_delete(run.us[i].stub);
  }
  for (int i = 0; i < run.isolates.len; i++)
    isolate_delete(run.isolates.data[i]);
  free(run.us);
  free(run.todo);
  arena_free(&run.arena);
}

int driver_cache_context(Cache *c, const JobList *jl, RuleSet *rules, const DriverOptions *o,
                         SummaryTable *st, const char *skip) {
  Run run = {.jl = jl, .o = o, .rules = rules};
  arena_init(&run.arena);
  run.us = calloc((size_t)jl->njobs + 1, sizeof(UnitState));
  load_entries(&run, c);
  for (int i = 0; i < jl->njobs; i++) {
    UnitState *s = &run.us[i];
    if (skip && strcmp(jl->jobs[i].file, skip) == 0) s->fresh = false;
    if (s->fresh && cache_attrs_apply(rules, s->entry.path, s->entry.attrs) != 0) s->fresh = false;
  }
  rules_finish(rules);
  Digest rd = cache_rules_digest(rules);
  int n = 0;
  char err[256];
  for (int i = 0; i < jl->njobs; i++) {
    UnitState *s = &run.us[i];
    if (s->fresh && digest_equal(s->entry.rules, rd) &&
        summary_read(st, rules, s->entry.summaries, err, sizeof err) == 0)
      n++;
  }
  free(run.us);
  arena_free(&run.arena);
  return n;
}
