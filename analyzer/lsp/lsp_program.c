/*
 * lsp_program.c - summaries of the rest of the program, for a buffer being
 * edited: a helper in another file that closes (or returns) a resource
 * counts in this one.
 *
 * The first analysis in a project runs the whole-program summary pass over
 * every unit of its compile database once (through the driver, as
 * `connlint -p` would) and keeps the result as summary text. Each later
 * analysis takes that text minus the functions of the file being edited,
 * whose current text is summarized afresh. At most PROGRAM_MAX databases
 * are kept; one is recomputed when its compile_commands.json changes. This
 * is the single place to switch to a persistent per-unit cache.
 */
#include "lsp_int.h"

#include "driver.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct Entry {
  char *dbdir;
  char *text; /* summary_write's form */
  struct timespec mtime;
  long used;
} Entry;

struct Program {
  Entry e[PROGRAM_MAX];
  long clock;
};

Program *program_new(void) {
  return calloc(1, sizeof(Program));
}

static void entry_clear(Entry *e) {
  free(e->dbdir);
  free(e->text);
  memset(e, 0, sizeof *e);
}

void program_delete(Program *p) {
  if (!p) return;
  for (int i = 0; i < PROGRAM_MAX; i++)
    entry_clear(&p->e[i]);
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

static Entry *find(Program *p, const char *dbdir) {
  for (int i = 0; i < PROGRAM_MAX; i++) {
    Entry *e = &p->e[i];
    if (!e->dbdir || strcmp(e->dbdir, dbdir) != 0) continue;
    struct timespec t;
    if (!db_mtime(dbdir, &t) || t.tv_sec != e->mtime.tv_sec || t.tv_nsec != e->mtime.tv_nsec) {
      entry_clear(e); /* the database changed: compute again */
      return NULL;
    }
    e->used = ++p->clock;
    return e;
  }
  return NULL;
}

bool program_ready(Program *p, const char *dbdir) {
  return find(p, dbdir) != NULL;
}

/* The token summary_write makes of a path (spaces and '%' escaped). */
static char *token_of(const char *s) {
  char *out = malloc(strlen(s) * 3 + 1), *o = out;
  for (; *s; s++) {
    if (*s == ' ' || *s == '%' || *s == '\n' || *s == '\t')
      o += sprintf(o, "%%%02x", (unsigned char)*s);
    else
      *o++ = *s;
  }
  *o = 0;
  return out;
}

/* Is this `func NAME FILE LINE [static UNIT]` line about a function of
   `tok` (defined there, or static in that unit)? */
static bool func_of(const char *line, size_t n, const char *tok) {
  char *copy = strndup(line, n);
  char *save = NULL;
  strtok_r(copy, " ", &save); /* func */
  strtok_r(NULL, " ", &save); /* name */
  const char *file = strtok_r(NULL, " ", &save);
  strtok_r(NULL, " ", &save); /* line */
  const char *st = strtok_r(NULL, " ", &save);
  const char *unit = st ? strtok_r(NULL, " ", &save) : NULL;
  bool yes = (file && strcmp(file, tok) == 0) || (unit && strcmp(unit, tok) == 0);
  free(copy);
  return yes;
}

char *program_summaries(Program *p, const char *dbdir, const char *path) {
  Entry *e = find(p, dbdir);
  if (!e) return NULL;
  char *tok = token_of(path);
  size_t len = strlen(e->text);
  char *out = malloc(len + 1), *o = out;
  bool skip = false;
  for (const char *s = e->text; *s;) {
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) + 1 : strlen(s);
    if (strncmp(s, "func ", 5) == 0) skip = func_of(s, n - (nl ? 1 : 0), tok);
    if (!skip) {
      memcpy(o, s, n);
      o += n;
    }
    s += n;
  }
  *o = 0;
  free(tok);
  return out;
}

int program_compute(Program *p, const char *dbdir, FILE *log, const atomic_int *cancel) {
  JobList jl;
  joblist_init(&jl);
  char err[1024];
  if (compdb_load(&jl, dbdir, NULL, 0, err, sizeof err) != 0) {
    if (log) fprintf(log, "connlint lsp: %s\n", err);
    joblist_free(&jl);
    return -1;
  }
  RuleSet *rs = rules_new();
  RuleError re;
  rules_load_builtin(rs, NULL, &re);
  rules_finish(rs);
  Arena a;
  arena_init(&a);
  Buf text = {0};
  DriverOptions o = {
      .jobs = 1, /* the editor's machine is busy with the editor */
      .whole_program = true,
      .summaries = true,
      .summaries_out = &text,
      .summaries_arena = &a,
      .cancel = cancel,
  };
  engine_default_options(&o.engine);
  o.engine.cancel = cancel;
  DriverResult r;
  driver_result_init(&r);
  driver_run(&jl, rs, &o, &r);
  if (log && atomic_load(cancel))
    fprintf(log, "connlint lsp: summarizing %s cancelled\n", dbdir);
  else if (log)
    fprintf(log, "connlint lsp: summarized %d units of %s (%d failed) in %.1fs\n", r.files_ok,
            dbdir, r.files_failed, r.parse_seconds + r.analyze_seconds);
  driver_result_free(&r);
  rules_delete(rs);
  joblist_free(&jl);
  if (atomic_load(cancel)) {
    arena_free(&a);
    return -1;
  }

  Entry *e = NULL;
  for (int i = 0; i < PROGRAM_MAX && !e; i++)
    if (p->e[i].dbdir && strcmp(p->e[i].dbdir, dbdir) == 0) e = &p->e[i];
  for (int i = 0; i < PROGRAM_MAX && !e; i++)
    if (!p->e[i].dbdir) e = &p->e[i];
  if (!e) { /* full: the least recently used goes */
    e = &p->e[0];
    for (int i = 1; i < PROGRAM_MAX; i++)
      if (p->e[i].used < e->used) e = &p->e[i];
  }
  entry_clear(e);
  e->dbdir = strdup(dbdir);
  e->text = strdup(buf_str(&a, &text));
  db_mtime(dbdir, &e->mtime);
  e->used = ++p->clock;
  arena_free(&a);
  return 0;
}
