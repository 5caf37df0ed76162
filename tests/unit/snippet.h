/*
 * snippet.h - the harness the engine's unit tests share: lower C snippets
 * with the real front end, run the engine (and, when a test asks, the
 * summary pass over every unit) with a small rule pack, and look the
 * findings up by kind, rule and snippet line.
 *
 * Included once by a test program that first defines RULES (a rule pack's
 * text) and DECLS (the declarations every snippet is prefixed with).
 */
/* Functions are inline so a test program may leave some unused. */
#ifndef CONNLINT_TEST_SNIPPET_H
#define CONNLINT_TEST_SNIPPET_H

static Frontend *fe;
static RuleSet *rs;
static Unit *units[4];
static int nunits;
static FindingList fl;
static EngineOptions opts;
static bool use_summaries;

static inline int setup(void **state) {
  fe = frontend_new();
  rs = rules_new();
  RuleError err;
  if (rules_parse(rs, "test.rules", RULES, "test", &err) != 0) {
    fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.line, err.col, err.msg);
    return -1;
  }
  rules_finish(rs);
  findings_init(&fl);
  return fe ? 0 : -1;
}

static inline int teardown(void **state) {
  findings_free(&fl);
  rules_delete(rs);
  frontend_delete(fe);
  return 0;
}

static inline int reset(void **state) {
  for (int i = 0; i < nunits; i++)
    unit_delete(units[i]);
  nunits = 0;
  findings_free(&fl);
  findings_init(&fl);
  engine_default_options(&opts);
  use_summaries = false;
  return 0;
}

/* ---- Helpers ------------------------------------------------------------- */

/* Line numbers in snippets count from the first line of `code` (the
   declarations go on the same first line's predecessor lines). */
static inline int decl_lines(void) {
  int n = 0;
  for (const char *p = DECLS; *p; p++)
    n += *p == '\n';
  return n;
}

static inline void add_unit(const char *name, const char *code) {
  char *text = malloc(strlen(DECLS) + strlen(code) + 1);
  strcpy(text, DECLS);
  strcat(text, code);
  Unit *u = NULL;
  assert_int_equal(frontend_parse_string(fe, name, text, NULL, 0, &u), FE_OK);
  free(text);
  assert_non_null(u);
  units[nunits++] = u;
}

static inline void run_all(void) {
  ir_fix_globals(units, nunits, use_summaries);
  SummaryTable *st = NULL;
  if (use_summaries) {
    st = summary_table_new();
    summary_set_whole_program(st, true);
    summary_compute(st, units, nunits, rs, &opts);
  }
  for (int k = 0; k < nunits; k++) {
    Callees c = summary_callees(st, rs, units[k]);
    for (int i = 0; i < units[k]->nfuncs; i++)
      engine_run(units[k]->funcs[i], &c, &opts, &fl);
  }
  summary_table_delete(st);
}

static inline void analyze(const char *code) {
  add_unit("t.c", code);
  run_all();
}

/* A helper, then its callers, with summaries: what the callers tell the
   helper's analysis, or its summary tells them. */
static inline void analyze_after(const char *helper, const char *callers) {
  char code[4096];
  assert_true(snprintf(code, sizeof code, "%s%s", helper, callers) < (int)sizeof code);
  use_summaries = true;
  analyze(code);
}

static inline void dump(void) {
  for (int i = 0; i < fl.findings.len; i++) {
    const Finding *f = fl.findings.data[i];
    fprintf(stderr, "  finding %d: [%s] %s\n", f->loc.line - decl_lines(), f->rule_id, f->message);
    for (int k = 0; k < f->nsteps; k++)
      fprintf(stderr, "      %d: %s\n", f->steps[k].loc.line - decl_lines(), f->steps[k].msg);
  }
}

/* The finding of kind k at snippet line `line` with rule id `rule`. */
static inline const Finding *find(FindingKind k, const char *rule, int line) {
  for (int i = 0; i < fl.findings.len; i++) {
    const Finding *f = fl.findings.data[i];
    if (f->kind == k && strcmp(f->rule_id, rule) == 0 && f->loc.line - decl_lines() == line)
      return f;
  }
  dump();
  fail_msg("no %s finding at line %d", rule, line);
  return NULL;
}

static inline void expect_count(int n) {
  if (fl.findings.len != n) {
    dump();
    fail_msg("expected %d findings, got %d", n, fl.findings.len);
  }
}

static inline void expect_none(void) {
  expect_count(0);
}

/* A message naming snippet line n by its line in the parsed file. */
static inline const char *msg(const char *fmt, int n) {
  static char buf[512];
  snprintf(buf, sizeof buf, fmt, decl_lines() + n);
  return buf;
}

static inline bool has_step(const Finding *f, const char *text) {
  for (int i = 0; i < f->nsteps; i++)
    if (strstr(f->steps[i].msg, text)) return true;
  return false;
}

static inline bool has_point(const Finding *f, int line) {
  for (int i = 0; i < f->nleak_points; i++)
    if (f->leak_points[i].line - decl_lines() == line) return true;
  return false;
}

#define FD "connlint-fd-leak"
#define FILE_LEAK "connlint-file-leak"
#define MEM "connlint-memory-leak"
#define LOCK "connlint-lock-not-released"

#endif
