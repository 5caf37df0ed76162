/*
 * lsp_analyze.c - one buffer's analysis, as LSP diagnostics and code
 * actions.
 *
 * The buffer is parsed from its unsaved text with the flags its compile
 * database gives it (default flags, and a diagnostic saying so, when it
 * has none), its functions are summarized on top of the rest of the
 * program's summaries, and the findings become diagnostics: code = rule
 * id, codeDescription = the rule's documentation, the path to the leak as
 * relatedInformation. Each gets code actions: the suggested fix when
 * there is one, and a `connlint: ignore` comment above the line.
 * Everything of one analysis lives in its own arenas and is freed here.
 */
#include "lsp_int.h"

#include "cache.h"
#include "config.h"
#include "driver.h"
#include "fix.h"
#include "ruledoc.h"
#include "suppress.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool exists(const char *dir, const char *rel, char *out, size_t outlen) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s/compile_commands.json", dir, rel);
  if (access(path, R_OK) != 0) return false;
  snprintf(out, outlen, "%s%s%s", dir, *rel ? "/" : "", rel);
  return true;
}

bool lsp_find_db(const char *path, char *dir, size_t dirlen) {
  char *copy = strdup(path);
  char *d = dirname(copy);
  ConfigSet cs;
  configs_init(&cs, d);
  const Config *c = NULL;
  ConfigError ce;
  bool found = false;
  if (configs_find(&cs, d, &c, &ce) == 0 && c && c->compile_commands) {
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/compile_commands.json", c->compile_commands);
    if (access(probe, R_OK) == 0) {
      snprintf(dir, dirlen, "%s", c->compile_commands);
      found = true;
    }
  }
  configs_free(&cs);
  char cur[4096];
  snprintf(cur, sizeof cur, "%s", d);
  while (!found) {
    if (exists(cur, "", dir, dirlen) || exists(cur, "build", dir, dirlen)) {
      found = true;
      break;
    }
    char *slash = strrchr(cur, '/');
    if (!slash || slash == cur) break;
    *slash = 0;
  }
  free(copy);
  return found;
}

/* ---- Positions ------------------------------------------------------------ */

/* LSP counts UTF-16 code units; connlint counts bytes from 1. */
static int utf16_char(const SourceFile *f, int line, int col) {
  size_t len;
  const char *s = srcfile_line(f, line, &len);
  int n = 0;
  for (int i = 0; s && i < col - 1 && (size_t)i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c & 0xc0) != 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  if (!s) n = col > 0 ? col - 1 : 0;
  return n;
}

static json_t *position(const SourceFile *f, int line, int col) {
  return json_pack("{s:i,s:i}", "line", line > 0 ? line - 1 : 0, "character",
                   utf16_char(f, line, col));
}

/* The identifier or call at loc, else one character. */
static json_t *range_at(const SourceFile *f, Loc loc) {
  size_t len;
  const char *s = srcfile_line(f, loc.line, &len);
  int end = loc.col;
  while (s && (size_t)(end - 1) < len &&
         (s[end - 1] == '_' || (s[end - 1] >= 'a' && s[end - 1] <= 'z') ||
          (s[end - 1] >= 'A' && s[end - 1] <= 'Z') || (s[end - 1] >= '0' && s[end - 1] <= '9')))
    end++;
  if (end == loc.col) end++;
  return json_pack("{s:o,s:o}", "start", position(f, loc.line, loc.col), "end",
                   position(f, loc.line, end));
}

static json_t *point_range(const SourceFile *f, int line, int col) {
  return json_pack("{s:o,s:o}", "start", position(f, line, col), "end", position(f, line, col));
}

/* ---- Diagnostics and actions ------------------------------------------------ */

static json_t *diagnostic(const char *uri, const SourceFile *src, const Finding *f) {
  json_t *d = json_pack("{s:o,s:i,s:s,s:s,s:s}", "range", range_at(src, f->loc), "severity", 2,
                        "code", f->rule_id, "source", "connlint", "message", f->message);
  char href[512];
  snprintf(href, sizeof href, "%s#%s", RULEDOC_URI, f->rule_id);
  json_object_set_new(d, "codeDescription", json_pack("{s:s}", "href", href));
  json_t *rel = json_array();
  for (int i = 0; i < f->nsteps; i++) {
    const PathStep *st = &f->steps[i];
    if (!st->loc.file || st->loc.line < 1 || strcmp(st->loc.file, f->loc.file) != 0) continue;
    json_array_append_new(rel, json_pack("{s:{s:s,s:o},s:s}", "location", "uri", uri, "range",
                                         range_at(src, st->loc), "message", st->msg));
  }
  json_object_set_new(d, "relatedInformation", rel);
  return d;
}

static json_t *action(const char *title, json_t *diag, const char *uri, json_t *edits,
                      bool preferred) {
  json_t *changes = json_object();
  json_object_set_new(changes, uri, edits);
  json_t *a = json_pack("{s:s,s:s,s:[O],s:{s:o}}", "title", title, "kind", "quickfix",
                        "diagnostics", diag, "edit", "changes", changes);
  if (preferred) json_object_set_new(a, "isPreferred", json_true());
  return a;
}

static json_t *actions_for(const char *uri, const SourceFile *src, const Finding *f, json_t *diag,
                           Arena *a) {
  json_t *list = json_array();
  Fix fix;
  if (f->nfixes && fix_make(f, src, a, &fix)) {
    json_t *edits = json_array();
    for (int i = 0; i < fix.nedits; i++)
      json_array_append_new(edits, json_pack("{s:o,s:s}", "range",
                                             point_range(src, fix.edits[i].line, fix.edits[i].col),
                                             "newText", fix.edits[i].text));
    json_array_append_new(
        list, action(arena_printf(a, "connlint: %s", fix.title), diag, uri, edits, true));
  }
  /* The comment goes on a line of its own above, indented like the code. */
  size_t len;
  const char *line = srcfile_line(src, f->loc.line, &len);
  size_t ind = 0;
  while (line && ind < len && (line[ind] == ' ' || line[ind] == '\t'))
    ind++;
  const char *text = arena_printf(a, "%.*s// connlint: ignore[%s] (reason)\n", (int)ind,
                                  line ? line : "", f->rule_id);
  json_t *edits =
      json_pack("[{s:o,s:s}]", "range", point_range(src, f->loc.line, 1), "newText", text);
  json_array_append_new(
      list, action(arena_printf(a, "connlint: ignore %s here (add a comment)", f->rule_id), diag,
                   uri, edits, false));
  return list;
}

static void add_plain(Analysis *out, int severity, const char *msg) {
  json_array_append_new(out->diagnostics,
                        json_pack("{s:{s:{s:i,s:i},s:{s:i,s:i}},s:i,s:s,s:s}", "range", "start",
                                  "line", 0, "character", 0, "end", "line", 0, "character", 0,
                                  "severity", severity, "source", "connlint", "message", msg));
  json_array_append_new(out->actions, json_array());
}

int lsp_analyze(const char *uri, const char *path, const char *text, size_t len, Program *prog,
                const atomic_int *cancel, Analysis *out) {
  out->diagnostics = json_array();
  out->actions = json_array();
  out->dbdir = NULL;
  Arena a;
  arena_init(&a);
  JobList jl;
  joblist_init(&jl);
  char err[1024];
  char *files[1] = {(char *)path};
  bool have_db = lsp_find_db(path, out->dbbuf, sizeof out->dbbuf);
  if (have_db) out->dbdir = out->dbbuf;
  /* The whole database, this file's job reported and the others taken
     from the cache as context (lsp_program.c); without a cache, this
     file alone. */
  struct Cache *cache = have_db ? program_cache(prog, out->dbbuf, NULL) : NULL;
  bool *report = NULL;
  Vec unlisted = {0};
  int me = 0;
  bool listed = have_db;
  if (cache && compdb_load_context(&jl, out->dbbuf, files, 1, NULL, 0, true, &report, &unlisted,
                                   err, sizeof err) == 0) {
    while (me < jl.njobs - 1 && !report[me])
      me++;
    listed = unlisted.len == 0;
  } else {
    report = NULL; /* in jl's arena */
    joblist_free(&jl);
    joblist_init(&jl);
    if (!have_db || compdb_load(&jl, out->dbbuf, files, 1, err, sizeof err) != 0) {
      joblist_free(&jl);
      joblist_init(&jl);
      compdb_add_files(&jl, files, 1, NULL, 0);
      listed = false;
    }
  }
  if (!listed)
    add_plain(out, 4,
              have_db ? "connlint: this file is not in compile_commands.json; analyzed with "
                        "default flags"
                      : "connlint: no compile_commands.json found for this file; analyzed with "
                        "default flags");
  jl.jobs[me].unsaved = text;
  jl.jobs[me].unsaved_len = len;
  char *dir = strdup(path);
  bool exit_paths;
  RuleSet *rs = program_rules(dirname(dir), &exit_paths, err, sizeof err);
  free(dir);
  if (err[0]) add_plain(out, 1, arena_strdup(&a, err));

  DriverOptions o;
  program_options(&o, exit_paths, cancel);
  o.cache = cache;
  o.cache_context_only = true;
  o.report = report;
  DriverResult r;
  driver_result_init(&r);
  driver_run(&jl, rs, &o, &r);
  if (cache && !atomic_load(cancel)) program_note(prog, out->dbbuf, r.files_left_out);
  if (cache && atomic_load(cancel))
    cache_close(cache); /* cut short: its files are not the whole database's */
  else if (cache)
    program_release(prog, out->dbbuf, cache);
  int rc = 0;
  if (atomic_load(cancel)) {
    rc = -1;
  } else {
    SourceCache sc;
    srccache_init(&sc);
    srccache_put(&sc, jl.jobs[me].file, text, len);
    SourceFile *src = srccache_put(&sc, path, text, len);
    suppress_apply(&r.findings, &sc);
    if (r.files_failed)
      for (int i = 0; i < r.problems.len; i++) {
        const InputProblem *p = r.problems.data[i];
        if (p->level == DIAG_ERROR && p->loc.line == 0)
          add_plain(out, 1, arena_printf(&a, "connlint could not analyze this file: %s", p->msg));
      }
    for (int i = 0; i < r.findings.findings.len; i++) {
      const Finding *f = r.findings.findings.data[i];
      if (f->suppressed || !f->loc.file) continue;
      json_t *d = diagnostic(uri, src, f);
      json_array_append_new(out->actions, actions_for(uri, src, f, d, &a));
      json_array_append_new(out->diagnostics, d);
    }
    for (int i = 0; i < r.findings.notes.len; i++) {
      const Note *n = r.findings.notes.data[i];
      if (!n->loc.file || n->loc.line < 1) continue;
      json_array_append_new(out->diagnostics,
                            json_pack("{s:o,s:i,s:s,s:s}", "range", range_at(src, n->loc),
                                      "severity", 3, "source", "connlint", "message", n->msg));
      json_array_append_new(out->actions, json_array());
    }
    srccache_free(&sc);
  }
  driver_result_free(&r);
  rules_delete(rs);
  joblist_free(&jl);
  arena_free(&a);
  return rc;
}
