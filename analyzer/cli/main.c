/*
 * main.c - connlint's entry point: the only place that prints errors and
 * decides the exit status.
 *
 *   0  no findings        2  usage or input error
 *   1  findings           3  internal error (including a crash, caught here)
 *
 * Everything below main returns errors as values; they are reported here
 * once, each naming the file and saying what to do.
 */
#include "baseline.h"
#include "cache.h"
#include "cli.h"
#include "compdb.h"
#include "config.h"
#include "confirm.h"
#include "driver.h"
#include "escape.h"
#include "isolate.h"
#include "lsp.h"
#include "newsince.h"
#include "report.h"
#include "rulefilter.h"
#include "rules.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_INPUT = 2, EXIT_INTERNAL = 3 };

/* A crash inside connlint (or libclang) is an internal error, not a
   silent SIGSEGV: say so, and exit with the documented code. */
static void on_fatal_signal(int sig) {
  static const char msg[] = "connlint: internal error: crashed (signal); please report this "
                            "with the file being analyzed\n";
  ssize_t w = write(2, msg, sizeof msg - 1);
  (void)w;
  (void)sig;
  _exit(EXIT_INTERNAL);
}

static void install_crash_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_fatal_signal;
  /* On a stack of its own (thread_altstack), so that a stack overflow is
     reported too; threads connlint starts get one each. */
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  sigaction(SIGFPE, &sa, NULL);
  sigaction(SIGILL, &sa, NULL);
  sigaction(SIGABRT, &sa, NULL);
}

/* Loads the built-in packs and rule files the merged configuration names.
   Returns 0, EXIT_INPUT or EXIT_INTERNAL. */
static int load_rules(RuleSet *rs, const Config *c) {
  RuleError err;
  if (c->no_default_rules != TRI_YES) {
    if (c->packs_set) {
      for (int i = 0; i < c->packs.len; i++) {
        if (rules_load_builtin(rs, c->packs.data[i], &err) != 0) {
          if (c->path)
            fprintf(stderr, "%s:%d: %s\n", c->path, c->packs_line, err.msg);
          else
            fprintf(stderr, "connlint: --rules-pack: %s\n", err.msg);
          return EXIT_INPUT;
        }
      }
    } else {
      for (const char *const *p = rules_builtin_pack_names(); *p; p++) {
        if (rules_load_builtin(rs, *p, &err) != 0) {
          fprintf(stderr, "connlint: internal error: built-in pack %s:%d:%d: %s\n", err.file,
                  err.line, err.col, err.msg);
          return EXIT_INTERNAL;
        }
      }
    }
  }
  for (int i = 0; i < c->rule_files.len; i++) {
    if (rules_load_file(rs, c->rule_files.data[i], NULL, &err) != 0) {
      if (err.line > 0)
        fprintf(stderr, "%s:%d:%d: error: %s\n", err.file, err.line, err.col, err.msg);
      else
        fprintf(stderr, "connlint: %s: %s\n", err.file, err.msg);
      return EXIT_INPUT;
    }
  }
  rules_finish(rs);
  return 0;
}

/* The command line as a Config, so config_merge can let it win. */
static void cli_config(Config *c, Arena *a, const Options *o, const char *cwd) {
  config_init(c, NULL, cwd);
  for (int i = 0; i < o->npacks; i++)
    vec_push(a, &c->packs, (void *)o->packs[i]);
  c->packs_set = o->npacks > 0;
  if (o->no_default_rules) c->no_default_rules = TRI_YES;
  for (int i = 0; i < o->nrule_files; i++)
    vec_push(a, &c->rule_files, (void *)o->rule_files[i]);
  for (int i = 0; i < o->nexcludes; i++)
    config_add_exclude(c, a, cwd, o->excludes[i]);
  if (o->report_exit_paths) c->exit_paths = EXIT_PATHS_REPORT;
  for (int k = 0; k < 2; k++) /* --enable / --disable take comma-separated lists */
    for (int i = 0; i < (k ? o->ndisable : o->nenable); i++) {
      char *list = arena_strdup(a, k ? o->disable[i] : o->enable[i]), *save = NULL;
      for (char *g = strtok_r(list, ",", &save); g; g = strtok_r(NULL, ",", &save))
        vec_push(a, k ? &c->disable : &c->enable, g);
    }
  c->compile_commands = o->compdb_dir;
}

/* Drops the jobs whose file a configuration excludes (and their entries
   in `report`, when given); a file the user named is not dropped silently. */
static int apply_excludes(JobList *jl, bool *report, ConfigSet *cs, const Config *run,
                          bool use_files, bool named) {
  int kept = 0;
  for (int i = 0; i < jl->njobs; i++) {
    const Config *fc = NULL;
    ConfigError ce;
    if (use_files && configs_for_file(cs, jl->jobs[i].file, &fc, &ce) != 0) {
      fprintf(stderr, "connlint: %s\n", ce.msg);
      return -1;
    }
    bool by_file = fc && config_excluded(fc, jl->jobs[i].file, cs->cwd);
    if (by_file || config_excluded(run, jl->jobs[i].file, cs->cwd)) {
      if (named)
        fprintf(stderr, "connlint: %s: note: excluded by %s; not analyzed\n", jl->jobs[i].file,
                by_file && fc->path ? fc->path : "--exclude");
      continue;
    }
    if (report) report[kept] = report[i];
    jl->jobs[kept++] = jl->jobs[i];
  }
  if (named && kept == 0 && jl->njobs > 0)
    fprintf(stderr, "connlint: note: every file named is excluded; nothing was analyzed\n");
  jl->njobs = kept;
  return 0;
}

/* Whether `path` (as a job names it, relative to `dir`) is the file `out`. */
static bool same_file(const struct stat *out, const char *dir, const char *path) {
  char buf[4096];
  if (dir && path[0] != '/') {
    snprintf(buf, sizeof buf, "%s/%s", dir, path);
    path = buf;
  }
  struct stat st;
  return stat(path, &st) == 0 && st.st_dev == out->st_dev && st.st_ino == out->st_ino;
}

/* -o must not name something the run reads: the report would replace it.
   Returns the input it names, or NULL. */
static const char *output_clobbers(const Options *o, const JobList *jl, const Config *c) {
  struct stat out;
  if (!o->output || stat(o->output, &out) != 0) return NULL;
  for (int i = 0; i < jl->njobs; i++)
    if (same_file(&out, jl->jobs[i].dir, jl->jobs[i].file)) return jl->jobs[i].file;
  for (int i = 0; i < c->rule_files.len; i++)
    if (same_file(&out, NULL, c->rule_files.data[i])) return c->rule_files.data[i];
  if (o->baseline && same_file(&out, NULL, o->baseline)) return o->baseline;
  if (jl->db_path && same_file(&out, NULL, jl->db_path)) return jl->db_path;
  return NULL;
}

static void print_problems(const DriverResult *r) {
  Arena a; /* escaped text: clang's messages quote the code */
  arena_init(&a);
  for (int i = 0; i < r->problems.len; i++) {
    const InputProblem *p = r->problems.data[i];
    const char *level = p->level == DIAG_ERROR     ? "error"
                        : p->level == DIAG_WARNING ? "warning"
                                                   : "note";
    const char *file = text_escape_str(&a, p->loc.file), *msg = text_escape_str(&a, p->msg);
    if (p->loc.line > 0 && p->loc.col > 0)
      fprintf(stderr, "%s:%d:%d: %s: %s\n", file, p->loc.line, p->loc.col, level, msg);
    else if (p->loc.line > 0)
      fprintf(stderr, "%s:%d: %s: %s\n", file, p->loc.line, level, msg);
    else
      fprintf(stderr, "connlint: %s: %s\n", file, msg);
  }
  arena_free(&a);
}

static long peak_rss_kib(void) {
  struct rusage ru;
  return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

static int run(Options *o, const ConfirmOptions *co) {
  ConfigSet cs;
  configs_init(&cs, NULL);
  Config cli, merged;
  cli_config(&cli, &cs.arena, o, cs.cwd);
  const Config *file = NULL;
  ConfigError ce;
  if (!o->no_config && configs_find(&cs, cs.cwd, &file, &ce) != 0) {
    fprintf(stderr, "connlint: %s\n", ce.msg);
    configs_free(&cs);
    return EXIT_INPUT;
  }
  config_merge(&merged, &cs.arena, file, &cli);

  RuleSet *rs = rules_new();
  int rc = load_rules(rs, &merged);
  if (rc != 0) {
    rules_delete(rs);
    configs_free(&cs);
    return rc;
  }
  if (o->list_rules) {
    Arena a;
    arena_init(&a);
    Buf b = {0};
    rules_list(rs, &a, &b);
    fputs(buf_str(&a, &b), stdout);
    arena_free(&a);
    rules_delete(rs);
    configs_free(&cs);
    return EXIT_CLEAN;
  }

  JobList jl;
  joblist_init(&jl);
  char err[1024];
  const char *db = o->compdb_dir;
  if (!db && o->nfiles == 0) db = merged.compile_commands; /* the configuration's default -p */
  int status = EXIT_CLEAN;
  /* With a cache, named files get the whole database as context: their
     findings only, everyone's summaries (compdb_context.c). */
  /* On by default: a cached run gives exactly a full run's results. */
  const char *cache_dir = o->cache_dir ? o->cache_dir : merged.cache_dir;
  bool use_cache = !o->no_cache && !(cache_dir && strcmp(cache_dir, "off") == 0) &&
                   o->dump == DUMP_NONE && !o->parse_only;
  bool *report = NULL, loaded = false;
  Vec unlisted = {0};
  if (db && o->nfiles > 0 && (use_cache || o->allow_unlisted)) {
    loaded = true;
    if (compdb_load_context(&jl, db, o->files, o->nfiles, o->cflags, o->ncflags, o->allow_unlisted,
                            &report, &unlisted, err, sizeof err) != 0) {
      fprintf(stderr, "connlint: %s\n", err);
      status = EXIT_INPUT;
    } else if (!use_cache) {
      /* no cache to make the context cheap: the named files alone */
      int kept = 0;
      for (int i = 0; i < jl.njobs; i++)
        if (report[i]) jl.jobs[kept++] = jl.jobs[i];
      jl.njobs = kept;
      report = NULL;
    }
    for (int i = 0; i < unlisted.len; i++)
      fprintf(stderr, "connlint: note: %s is not in %s yet; analyzed with default flags%s\n",
              (const char *)unlisted.data[i], jl.db_path, o->ncflags ? " (those after --)" : "");
  }
  if (loaded) {
    /* done above */
  } else if (!db && o->nfiles == 0) {
    fprintf(stderr, "connlint: no input files; usage: connlint [options] FILE... [-- FLAGS] or "
                    "connlint -p BUILD_DIR (see connlint --help)\n");
    status = EXIT_INPUT;
  } else if (db) {
    if (compdb_load(&jl, db, o->files, o->nfiles, err, sizeof err) != 0) {
      fprintf(stderr, "connlint: %s\n", err);
      status = EXIT_INPUT;
    }
  } else {
    compdb_add_files(&jl, o->files, o->nfiles, o->cflags, o->ncflags);
  }
  if (status == EXIT_CLEAN && !o->compdb_dir && o->nfiles > 0 && merged.compile_commands)
    fprintf(stderr,
            "connlint: note: compile-commands = %s (.connlint) is not used when files are named; "
            "their flags come from after --, or pass -p %s to take them from the database\n",
            merged.compile_commands, merged.compile_commands);
  if (status == EXIT_CLEAN &&
      apply_excludes(&jl, report, &cs, &merged, !o->no_config, o->nfiles > 0) != 0)
    status = EXIT_INPUT;
  const char *clobbered = status == EXIT_CLEAN ? output_clobbers(o, &jl, &merged) : NULL;
  if (clobbered) {
    fprintf(stderr, "connlint: -o %s names an input of this run (%s); write the report elsewhere\n",
            o->output, clobbered);
    status = EXIT_INPUT;
  }
  /* The baseline is read now, so a bad one costs no analysis. */
  Baseline base;
  baseline_init(&base);
  if (status == EXIT_CLEAN && o->baseline && o->dump == DUMP_NONE && !o->parse_only) {
    BaselineError be;
    if (baseline_load(&base, o->baseline, &be) != 0) {
      fprintf(stderr, "connlint: %s\n", be.msg);
      status = EXIT_INPUT;
    }
  }
  if (status != EXIT_CLEAN) {
    baseline_free(&base);
    joblist_free(&jl);
    rules_delete(rs);
    configs_free(&cs);
    return status;
  }

  DriverOptions dopt = {
      .jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN),
      .whole_program = !o->per_file,
      .summaries = !o->no_summaries,
      .dump = o->dump,
      .parse_only = o->parse_only,
      .check_rules = o->check_rules,
      .frontend = o->frontend,
      .dump_out = stdout,
      .timeout = o->timeout,
      .mem_limit = (size_t)o->memory_limit << 20,
      .in_process = o->in_process,
  };
  engine_default_options(&dopt.engine);
  dopt.engine.report_exit_paths = merged.exit_paths == EXIT_PATHS_REPORT;
  if (o->max_states > 0) {
    /* A larger budget of states comes with a proportionally larger one of
       memory (never smaller than the default). */
    EngineOptions d = dopt.engine;
    dopt.engine.max_states = o->max_states;
    if (o->max_states > d.max_states)
      dopt.engine.max_bytes = (long)((double)d.max_bytes * o->max_states / d.max_states);
  }

  ChangedLines *changed = NULL;
  if (o->new_since) {
    changed = changed_new();
    if (changed_from_git(changed, cs.cwd, o->new_since, err, sizeof err) != 0) {
      fprintf(stderr, "connlint: %s\n", err);
      changed_delete(changed);
      joblist_free(&jl);
      rules_delete(rs);
      configs_free(&cs);
      return EXIT_INPUT;
    }
  }
  dopt.report = report;
  dopt.progress = !o->quiet && isatty(2);
  Cache *cache = NULL;
  if (use_cache) {
    Arena ca;
    arena_init(&ca);
    const char *cdir = cache_dir ? cache_dir : cache_default_dir(&ca);
    char note[512];
    Digest build = cache_build_id(note, sizeof note);
    if (note[0] && !o->quiet) fprintf(stderr, "connlint: note: %s\n", note);
    cache = cache_open(cdir, (size_t)o->cache_mib << 20, build, err, sizeof err);
    arena_free(&ca);
    if (!cache && cache_dir) {
      fprintf(stderr, "connlint: %s\n", err);
      joblist_free(&jl);
      rules_delete(rs);
      configs_free(&cs);
      return EXIT_INPUT;
    }
    if (!cache && !o->quiet) fprintf(stderr, "connlint: note: %s; running without a cache\n", err);
  }
  dopt.cache = cache;

  DriverResult r;
  driver_result_init(&r);
  driver_run(&jl, rs, &dopt, &r);
  cache_close(cache);
  print_problems(&r);

  status = r.files_failed > 0 ? EXIT_INPUT : EXIT_CLEAN;
  RuleFilter rf = {(const char *const *)merged.enable.data, merged.enable.len,
                   (const char *const *)merged.disable.data, merged.disable.len};
  /* Checked after the run: ownership attributes in the code add rule ids. */
  bool filter_ok = rulefilter_check(&rf, rs, err, sizeof err) == 0;
  if (!filter_ok) {
    fprintf(stderr, "connlint: %s\n", err);
    status = EXIT_INPUT;
  }
  rulefilter_apply(&rf, &r.findings);
  if (changed) changed_filter(changed, &r.findings);
  changed_delete(changed);
  /* Only what will be reported is worth a run. */
  if (filter_ok && co->on && o->dump == DUMP_NONE && !o->parse_only) {
    ConfirmOptions c = *co;
    c.jobs = dopt.jobs;
    if (confirm_findings(&r.findings, &c, err, sizeof err) != 0) {
      fprintf(stderr, "connlint: %s\n", err);
      driver_result_free(&r);
      joblist_free(&jl);
      rules_delete(rs);
      configs_free(&cs);
      return EXIT_INPUT;
    }
  }
  if (filter_ok && o->dump == DUMP_NONE && !o->parse_only) {
    ReportOptions ro = {
        .format = o->format,
        .output = o->output,
        .color = o->color,
        .quiet = o->quiet,
        .srcroot = o->srcroot,
        .baseline = o->baseline,
        .baseline_loaded = o->baseline ? &base : NULL,
        .input_failed = r.files_failed > 0,
        .none_analyzed = r.files_ok == 0 && r.files_failed > 0,
        .problems = &r.problems,
        .sarif_category = o->sarif_category,
        .omit_suppressed = o->sarif_omit_suppressed,
        .nunits = jl.njobs,
        .unit_frontends = r.frontends,
    };
    const char **files = calloc((size_t)jl.njobs + 1, sizeof *files);
    for (int i = 0; i < jl.njobs; i++)
      files[i] = jl.jobs[i].file;
    ro.unit_files = files;
    status = report_write(&r.findings, rs, &ro, err, sizeof err);
    free(files);
    if (status < 0) {
      fprintf(stderr, "connlint: %s\n", err);
      status = EXIT_INPUT;
    }
  }

  for (int i = 0; o->stats && r.frontends && i < jl.njobs; i++)
    if (r.frontends[i])
      fprintf(stderr, "connlint: %s: front end %s\n", jl.jobs[i].file, r.frontends[i]);
  if (o->stats)
    fprintf(stderr,
            "connlint: %d file%s analyzed (%d from the cache), %d failed; parse+lower %.3fs, "
            "analysis %.3fs; IR %.1f MiB; peak RSS %.1f MiB\n",
            r.files_ok, r.files_ok == 1 ? "" : "s", r.files_cached, r.files_failed, r.parse_seconds,
            r.analyze_seconds, (double)r.ir_bytes / (1024.0 * 1024.0),
            (double)peak_rss_kib() / 1024.0);
  if (o->stats && r.peak_analysis_kib)
    fprintf(stderr,
            "connlint: peak RSS by phase: parse+lower %.1f MiB, summaries %.1f MiB, analysis "
            "%.1f MiB (%.2fx the parse)\n",
            (double)r.peak_parse_kib / 1024.0, (double)r.peak_summary_kib / 1024.0,
            (double)r.peak_analysis_kib / 1024.0,
            r.peak_parse_kib ? (double)r.peak_analysis_kib / (double)r.peak_parse_kib : 0.0);
  if (o->stats && r.peak_parser_kib)
    fprintf(stderr, "connlint: largest parsing process: peak RSS %.1f MiB\n",
            (double)r.peak_parser_kib / 1024.0);

  driver_result_free(&r);
  baseline_free(&base);
  joblist_free(&jl);
  rules_delete(rs);
  configs_free(&cs);
  return status;
}

int main(int argc, char **argv) {
  thread_altstack(true);
  install_crash_handlers();
  /* `connlint cc COMPILER ARGS...`: the compiler wrapper of confirm.h */
  if (argc > 1 && strcmp(argv[1], "cc") == 0) return cc_main(argc - 2, argv + 2);
  if (argc >= 2 && strcmp(argv[1], "lsp") == 0) return lsp_main(argc - 1, argv + 1);
  Options o;
  options_init(&o);
  char err[512];
  int status;
  ConfirmOptions co = {0};
  if (argc > 1 && strcmp(argv[1], "confirm") == 0) { /* analysis arguments follow */
    argc--;
    argv++;
    if (confirm_parse_args(&co, &argc, argv, err, sizeof err) != 0) {
      fprintf(stderr, "connlint: %s\n", err);
      options_free(&o);
      return EXIT_INPUT;
    }
  }
  if (cli_parse(&o, argc, argv, err, sizeof err) != 0) {
    fprintf(stderr, "connlint: %s\n", err);
    status = EXIT_INPUT;
  } else if (o.help) {
    cli_usage(stdout);
    status = EXIT_CLEAN;
  } else if (o.version) {
    printf("connlint %s (libclang %s)\n", CONNLINT_VERSION, CONNLINT_LLVM_VERSION);
    status = EXIT_CLEAN;
  } else {
    status = run(&o, &co);
  }
  options_free(&o);
  thread_altstack(false);
  return status;
}
