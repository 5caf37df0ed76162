/*
 * lsp_program.c - the rest of the program, for a buffer being edited: a
 * helper in another file that closes (or returns) a resource counts in
 * this one.
 *
 * It comes from the analysis cache (driver_cache.c), the one `connlint -p`
 * reads and writes: same directory, same options, same rules, so a CLI run
 * warms the editor and the editor's runs warm the CLI. Each analysis of a
 * buffer runs the driver over the whole database in context-only mode: the
 * units the cache holds valid entries for give their summaries and
 * whole-program facts, the buffer is parsed from its text, and nothing
 * else is parsed. Nothing of the program stays in memory between
 * analyses.
 *
 * Units without a valid entry (never analyzed, or their file changed on
 * disk) are left out of that context. When an analysis leaves out more of
 * them than the last refresh could not cache, or the database changed,
 * the program is refreshed: an incremental whole-program run, as
 * `connlint -p` would make, which analyzes what changed and writes the
 * cache; then open buffers are analyzed again. Units that can never be
 * cached (parse errors) stay left out without refreshing again and again.
 *
 * What a database's analyses do keep is the digest of each file they
 * check entries against (CacheMemo): a keystroke then reads only the files
 * whose stat changed, not every unit and header of the program.
 */
#include "lsp_int.h"

#include "cache.h"
#include "config.h"
#include "driver.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct Db {
  char *dbdir;
  struct timespec mtime; /* compile_commands.json's, at the last refresh */
  int uncached;          /* units the last refresh could not cache */
  int last;              /* units the latest analysis left out */
  long used;
  CacheMemo *memo; /* its files' digests, kept between analyses */
} Db;

struct Program {
  Db d[PROGRAM_MAX];
  long clock;
  Digest build; /* the binary's identity: part of every entry's key */
};

Program *program_new(Digest build) {
  Program *p = calloc(1, sizeof(Program));
  if (p) p->build = build;
  return p;
}

static void db_clear(Db *d) {
  free(d->dbdir);
  cache_memo_delete(d->memo);
  memset(d, 0, sizeof *d);
}

void program_delete(Program *p) {
  if (!p) return;
  for (int i = 0; i < PROGRAM_MAX; i++)
    db_clear(&p->d[i]);
  free(p);
}

static bool db_mtime(const char *dbdir, struct timespec *t) {
  char path[4200];
  snprintf(path, sizeof path, "%s/compile_commands.json", dbdir);
  struct stat st;
  if (stat(path, &st) != 0) return false;
  *t = st.st_mtim;
  return true;
}

static Db *find(Program *p, const char *dbdir) {
  for (int i = 0; i < PROGRAM_MAX; i++)
    if (p->d[i].dbdir && strcmp(p->d[i].dbdir, dbdir) == 0) {
      p->d[i].used = ++p->clock;
      return &p->d[i];
    }
  return NULL;
}

/* The settings of the .connlint governing `dir` (NULL: none). */
static const Config *config_for(ConfigSet *cs, const char *dir) {
  const Config *c = NULL;
  ConfigError ce;
  return configs_find(cs, dir, &c, &ce) == 0 ? c : NULL;
}

Cache *program_cache(Program *p, const char *dbdir, FILE *log) {
  ConfigSet cs;
  configs_init(&cs, dbdir);
  const Config *c = config_for(&cs, dbdir);
  Arena a;
  arena_init(&a);
  const char *dir = c && c->cache_dir ? c->cache_dir : cache_default_dir(&a);
  Cache *cache = NULL;
  char err[512];
  if (strcmp(dir, "off") != 0) {
    cache = cache_open(dir, 0, p->build, err, sizeof err);
    if (!cache && log) fprintf(log, "connlint lsp: %s; no summaries of other files\n", err);
  }
  Db *d = find(p, dbdir);
  if (cache && d && d->memo) cache_use_memo(cache, d->memo);
  arena_free(&a);
  configs_free(&cs);
  return cache;
}

RuleSet *program_rules(const char *dir, bool *exit_paths, char *err, size_t errlen) {
  RuleSet *rs = rules_new();
  RuleError re;
  ConfigSet cs;
  configs_init(&cs, dir);
  const Config *c = NULL;
  ConfigError ce;
  err[0] = 0;
  if (configs_find(&cs, dir, &c, &ce) != 0) snprintf(err, errlen, "%s", ce.msg);
  bool builtin = !c || c->no_default_rules != TRI_YES;
  if (builtin && c && c->packs_set) {
    for (int i = 0; i < c->packs.len; i++)
      if (rules_load_builtin(rs, c->packs.data[i], &re) != 0)
        snprintf(err, errlen, "%s: %s", c->path, re.msg);
  } else if (builtin) {
    rules_load_builtin(rs, NULL, &re);
  }
  for (int i = 0; c && i < c->rule_files.len; i++)
    if (rules_load_file(rs, c->rule_files.data[i], "user", &re) != 0)
      snprintf(err, errlen, "%s:%d: %s", re.file, re.line, re.msg);
  *exit_paths = c && c->exit_paths == EXIT_PATHS_REPORT;
  configs_free(&cs);
  return rs;
}

void program_options(DriverOptions *o, bool exit_paths, const atomic_int *cancel) {
  *o = (DriverOptions){
      .jobs = 1, /* the editor's machine is busy with the editor */
      .whole_program = true,
      .summaries = true,
      .cancel = cancel,
  };
  engine_default_options(&o->engine);
  o->engine.report_exit_paths = exit_paths;
  o->engine.cancel = cancel; /* stops summaries and findings alike */
}

void program_release(Program *p, const char *dbdir, Cache *c) {
  cache_close(c);
  Db *d = find(p, dbdir);
  if (d) cache_memo_sweep(d->memo);
}

void program_note(Program *p, const char *dbdir, int left_out) {
  Db *d = find(p, dbdir);
  if (d) d->last = left_out;
}

bool program_ready(Program *p, const char *dbdir) {
  Db *d = find(p, dbdir);
  struct timespec t;
  if (!d || !db_mtime(dbdir, &t) || t.tv_sec != d->mtime.tv_sec || t.tv_nsec != d->mtime.tv_nsec)
    return false;
  return d->last <= d->uncached;
}

int program_compute(Program *p, const char *dbdir, FILE *log, const atomic_int *cancel) {
  Cache *cache = program_cache(p, dbdir, log);
  JobList jl;
  joblist_init(&jl);
  char err[1024];
  int rc = 0, uncached = 0;
  if (cache && compdb_load(&jl, dbdir, NULL, 0, err, sizeof err) != 0) {
    if (log) fprintf(log, "connlint lsp: %s\n", err);
    rc = -1;
  }
  if (cache && rc == 0) {
    bool exit_paths;
    RuleSet *rs = program_rules(dbdir, &exit_paths, err, sizeof err);
    DriverOptions o;
    program_options(&o, exit_paths, cancel);
    o.cache = cache;
    bool *quiet = calloc((size_t)jl.njobs + 1, sizeof(bool)); /* the cache is the point */
    o.report = quiet;
    DriverResult r;
    driver_result_init(&r);
    driver_run(&jl, rs, &o, &r);
    if (log && atomic_load(cancel))
      fprintf(log, "connlint lsp: refreshing %s cancelled\n", dbdir);
    else if (log)
      fprintf(log, "connlint lsp: refreshed the cache of %s (%d units) in %.1fs\n", dbdir, jl.njobs,
              r.parse_seconds + r.analyze_seconds);
    uncached = r.files_uncached;
    driver_result_free(&r);
    free(quiet);
    rules_delete(rs);
    if (atomic_load(cancel)) rc = -1;
  }
  joblist_free(&jl);
  program_release(p, dbdir, cache);
  if (rc != 0) return rc;

  Db *d = find(p, dbdir);
  for (int i = 0; i < PROGRAM_MAX && !d; i++)
    if (!p->d[i].dbdir) d = &p->d[i];
  if (!d) { /* full: the least recently used goes */
    d = &p->d[0];
    for (int i = 1; i < PROGRAM_MAX; i++)
      if (p->d[i].used < d->used) d = &p->d[i];
  }
  if (!d->dbdir || strcmp(d->dbdir, dbdir) != 0) {
    db_clear(d);
    d->dbdir = strdup(dbdir);
  }
  db_mtime(dbdir, &d->mtime);
  if (!d->memo) d->memo = cache_memo_new();
  d->uncached = uncached;
  d->last = 0;
  d->used = ++p->clock;
  return 0;
}
