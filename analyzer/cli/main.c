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
#include "cli.h"
#include "compdb.h"
#include "config.h"
#include "confirm.h"
#include "driver.h"
#include "lsp.h"
#include "report.h"
#include "rules.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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
    if (rules_load_file(rs, c->rule_files.data[i], "user", &err) != 0) {
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
  c->compile_commands = o->compdb_dir;
}

/* Drops the jobs whose file a configuration excludes. */
static int apply_excludes(JobList *jl, ConfigSet *cs, const Config *run, bool use_files) {
  int kept = 0;
  for (int i = 0; i < jl->njobs; i++) {
    const Config *fc = NULL;
    ConfigError ce;
    if (use_files && configs_for_file(cs, jl->jobs[i].file, &fc, &ce) != 0) {
      fprintf(stderr, "connlint: %s\n", ce.msg);
      return -1;
    }
    if ((fc && config_excluded(fc, jl->jobs[i].file, cs->cwd)) ||
        config_excluded(run, jl->jobs[i].file, cs->cwd))
      continue;
    jl->jobs[kept++] = jl->jobs[i];
  }
  jl->njobs = kept;
  return 0;
}

static void print_problems(const DriverResult *r) {
  for (int i = 0; i < r->problems.len; i++) {
    const InputProblem *p = r->problems.data[i];
    const char *level = p->level == DIAG_ERROR     ? "error"
                        : p->level == DIAG_WARNING ? "warning"
                                                   : "note";
    if (p->loc.line > 0)
      fprintf(stderr, "%s:%d:%d: %s: %s\n", p->loc.file, p->loc.line, p->loc.col, level, p->msg);
    else
      fprintf(stderr, "connlint: %s: %s\n", p->loc.file, p->msg);
  }
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
  if (!db && o->nfiles == 0) {
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
  if (status == EXIT_CLEAN && apply_excludes(&jl, &cs, &merged, !o->no_config) != 0)
    status = EXIT_INPUT;
  if (status != EXIT_CLEAN) {
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
      .frontend = o->frontend,
      .dump_out = stdout,
  };
  engine_default_options(&dopt.engine);
  dopt.engine.report_exit_paths = merged.exit_paths == EXIT_PATHS_REPORT;

  DriverResult r;
  driver_result_init(&r);
  driver_run(&jl, rs, &dopt, &r);
  print_problems(&r);

  status = r.files_failed > 0 ? EXIT_INPUT : EXIT_CLEAN;
  if (co->on && o->dump == DUMP_NONE && !o->parse_only) {
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
  if (o->dump == DUMP_NONE && !o->parse_only) {
    ReportOptions ro = {
        .format = o->format,
        .output = o->output,
        .color = o->color,
        .quiet = o->quiet,
        .srcroot = o->srcroot,
        .baseline = o->baseline,
        .input_failed = r.files_failed > 0,
        .none_analyzed = r.files_ok == 0 && r.files_failed > 0,
        .problems = &r.problems,
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
            "connlint: %d file%s analyzed, %d failed; parse+lower %.3fs, analysis %.3fs; "
            "IR %.1f MiB; peak RSS %.1f MiB\n",
            r.files_ok, r.files_ok == 1 ? "" : "s", r.files_failed, r.parse_seconds,
            r.analyze_seconds, (double)r.ir_bytes / (1024.0 * 1024.0),
            (double)peak_rss_kib() / 1024.0);

  driver_result_free(&r);
  joblist_free(&jl);
  rules_delete(rs);
  configs_free(&cs);
  return status;
}

int main(int argc, char **argv) {
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
  return status;
}
