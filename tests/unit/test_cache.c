/*
 * test_cache.c - the cache stage and its neighbours on hand-made data:
 * findings survive their text form byte for byte, entries survive the disk
 * and a damaged one is refused and removed, summaries read from several
 * units make a name defined twice ambiguous, and the filters of
 * --new-since and --enable/--disable keep what they should.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "cache.h"
#include "driver.h"
#include "newsince.h"
#include "rulefilter.h"
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void add_finding(FindingList *fl) {
  Loc leaks[2] = {{"src/net 1.c", 40, 5}, {"src/net 1.c", 44, 3}};
  PathStep steps[2] = {{{"src/net 1.c", 35, 12}, "socket returned\nby conn_open() here"},
                       {{"src/net 1.c", 40, 5}, "taking the early return at line 40 (100%)"}};
  FixSite fix = {.release = "close",
                 .holder = "fd",
                 .holder_decl = {"src/net 1.c", 35, 7},
                 .exit = {"src/net 1.c", 40, 5},
                 .exit_kind = FIX_EXIT_RETURN,
                 .leak_point = {"src/net 1.c", 40, 5}};
  Finding f = {
      .fixes = &fix,
      .nfixes = 1,
      .kind = FIND_LEAK,
      .rule_id = "connlint-fd-leak",
      .kind_id = "socket",
      .kind_desc = "socket",
      .family = "fd",
      .cwe = 775,
      .func = "fetch",
      .loc = {"src/net 1.c", 35, 12},
      .message = "socket returned by conn_open() is not released ~ %s",
      .acq_loc = {"src/net 1.c", 35, 12},
      .acq_text = NULL,
      .leak_points = leaks,
      .nleak_points = 2,
      .steps = steps,
      .nsteps = 2,
  };
  findings_add(fl, &f);
  findings_note(fl, (Loc){"big.c", 3, 1}, "analysis budget exhausted in huge()");
}

static void test_findings_text(void **state) {
  (void)state;
  FindingList a, b;
  findings_init(&a);
  findings_init(&b);
  add_finding(&a);
  Arena ar;
  arena_init(&ar);
  Buf t1 = {0}, t2 = {0};
  cache_findings_write(&a, &t1, &ar);
  assert_int_equal(cache_findings_read(&b, buf_str(&ar, &t1)), 0);
  cache_findings_write(&b, &t2, &ar);
  assert_string_equal(buf_str(&ar, &t1), buf_str(&ar, &t2));
  const Finding *f = b.findings.data[0];
  assert_string_equal(f->steps[0].msg, "socket returned\nby conn_open() here");
  assert_null(f->acq_text);
  assert_int_equal(f->leak_points[1].line, 44);
  assert_int_equal(f->nfixes, 1);
  assert_string_equal(f->fixes[0].release, "close");
  assert_int_equal(f->fixes[0].holder_decl.col, 7);
  assert_int_equal(b.notes.len, 1);
  /* A damaged text is refused, not half read. */
  FindingList c;
  findings_init(&c);
  assert_int_equal(cache_findings_read(&c, "finding 0 =x\n"), -1);
  assert_int_equal(cache_findings_read(&c, "leak =a.c 1 1\n"), -1);
  findings_free(&a);
  findings_free(&b);
  findings_free(&c);
  arena_free(&ar);
}

static void test_entries(void **state) {
  (void)state;
  char dir[] = "/tmp/connlint-test-cache-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char err[256];
  Cache *c = cache_open(dir, 0, err, sizeof err);
  assert_non_null(c);
  const char *deps[] = {"/usr/include/stdio.h"};
  Digest dd[] = {digest_str("stdio")};
  CacheImport im[] = {{"conn_open", digest_str("func conn_open")}};
  CacheDef defs[] = {{"fetch", false}, {"make_fd", true}};
  CacheUnit u = {.path = "app.c",
                 .file = digest_str("app"),
                 .deps = deps,
                 .dep_digests = dd,
                 .ndeps = 1,
                 .rules = digest_str("rules"),
                 .attrs = "",
                 .summaries = "func fetch app.c 3\nnone\nend\n",
                 .imports = im,
                 .nimports = 1,
                 .defs = defs,
                 .ndefs = 2,
                 .findings = "note =a.c 1 1 =x\n"};
  Digest slot = digest_str("slot");
  assert_int_equal(cache_unit_store(c, slot, &u), 0);
  Arena a;
  arena_init(&a);
  CacheUnit back;
  assert_int_equal(cache_unit_load(c, slot, &a, &back), 0);
  assert_string_equal(back.path, "app.c");
  assert_true(digest_equal(back.file, u.file));
  assert_int_equal(back.ndeps, 1);
  assert_string_equal(back.deps[0], deps[0]);
  assert_int_equal(back.nimports, 1);
  assert_string_equal(back.imports[0].name, "conn_open");
  assert_int_equal(back.ndefs, 2);
  assert_true(back.defs[1].ambiguous);
  assert_string_equal(back.summaries, u.summaries);
  assert_string_equal(back.findings, u.findings);

  /* A byte changed on disk: refused and removed. */
  char hex[33], path[512];
  digest_hex(slot, hex);
  snprintf(path, sizeof path, "%s/units/%s", dir, hex);
  FILE *f = fopen(path, "r+");
  assert_non_null(f);
  fseek(f, 40, SEEK_SET);
  fputc('#', f);
  fclose(f);
  assert_int_equal(cache_unit_load(c, slot, &a, &back), -1);
  assert_int_not_equal(access(path, F_OK), 0);
  cache_close(c);
  arena_free(&a);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

static void test_digest(void **state) {
  (void)state;
  Digest a = digest_str("abc"), b = digest_str("abd");
  assert_false(digest_equal(a, b));
  char hex[33];
  digest_hex(a, hex);
  Digest c;
  assert_true(digest_parse(hex, &c));
  assert_true(digest_equal(a, c));
  assert_false(digest_parse("xyz", &c));
  Digest m1 = a, m2 = b;
  digest_mix(&m1, b);
  digest_mix(&m2, a);
  assert_false(digest_equal(m1, m2)); /* order matters */
}

/* Two units read from the cache define the same external name: as when both
   are analyzed together, the name has no summary. */
static void test_summary_definitions(void **state) {
  (void)state;
  RuleSet *rs = rules_new();
  rules_finish(rs);
  SummaryTable *st = summary_table_new();
  char err[128];
  assert_int_equal(
      summary_read(st, rs, "func make_fd a.c 1\nborrow 0\nescape 0\nend\n", err, sizeof err), 0);
  assert_non_null(summary_find_path(st, NULL, "make_fd"));
  assert_false(summary_ambiguous(st, "make_fd"));
  assert_int_equal(summary_read(st, rs, "func make_fd b.c 1\nnone\nend\n", err, sizeof err), 0);
  assert_null(summary_find_path(st, NULL, "make_fd"));
  assert_true(summary_ambiguous(st, "make_fd"));
  /* A static function of another unit stays its own. */
  assert_int_equal(summary_read(st, rs, "func helper c.c 2 static c.c\nborrow 1\nescape 0\nend\n",
                                err, sizeof err),
                   0);
  assert_non_null(summary_find_path(st, "c.c", "helper"));
  assert_null(summary_find_path(st, "d.c", "helper"));
  summary_table_delete(st);
  rules_delete(rs);
}

static void test_changed_lines(void **state) {
  (void)state;
  ChangedLines *cl = changed_new();
  changed_parse_diff(cl, "/repo",
                     "diff --git a/src/a.c b/src/a.c\n"
                     "--- a/src/a.c\n+++ b/src/a.c\n"
                     "@@ -10,0 +11,3 @@ int f(void) {\n+x\n+y\n+z\n"
                     "@@ -30 +33 @@\n-old\n+new\n"
                     "@@ -50,2 +52,0 @@\n-gone\n-gone\n"
                     "diff --git a/b.c b/b.c\ndeleted file mode 100644\n--- a/b.c\n+++ /dev/null\n"
                     "@@ -1,3 +0,0 @@\n-a\n-b\n-c\n");
  assert_false(changed_has(cl, "/repo/src/a.c", 10));
  assert_true(changed_has(cl, "/repo/src/a.c", 11));
  assert_true(changed_has(cl, "/repo/src/a.c", 13));
  assert_false(changed_has(cl, "/repo/src/a.c", 14));
  assert_true(changed_has(cl, "/repo/src/a.c", 33));
  assert_true(changed_has(cl, "/repo/src/a.c", 52)); /* around the deletion */
  assert_true(changed_has(cl, "/repo/src/a.c", 53));
  assert_false(changed_has(cl, "/repo/src/a.c", 54));
  assert_false(changed_has(cl, "/repo/b.c", 1));
  assert_false(changed_has(cl, "/repo/src/c.c", 11));
  changed_delete(cl);
}

static void test_rule_filter(void **state) {
  (void)state;
  const char *en[] = {"connlint-*-leak"}, *dis[] = {"connlint-memory-*"};
  RuleFilter rf = {en, 1, dis, 1};
  assert_true(rulefilter_allows(&rf, "connlint-fd-leak"));
  assert_false(rulefilter_allows(&rf, "connlint-memory-leak"));
  assert_false(rulefilter_allows(&rf, "connlint-double-release"));
  RuleFilter none = {0};
  assert_true(rulefilter_allows(&none, "connlint-double-release"));
  RuleSet *rs = rules_new();
  rules_finish(rs);
  char err[256];
  const char *typo[] = {"connlint-dubble-release"};
  RuleFilter bad = {typo, 1, NULL, 0};
  assert_int_equal(rulefilter_check(&bad, rs, err, sizeof err), -1);
  assert_non_null(strstr(err, "connlint-dubble-release"));
  const char *fixed[] = {"connlint-double-release"};
  RuleFilter good = {NULL, 0, fixed, 1};
  assert_int_equal(rulefilter_check(&good, rs, err, sizeof err), 0);
  rules_delete(rs);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static RuleSet *posix_rules(void) {
  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_load_builtin(rs, "posix", &e), 0);
  rules_finish(rs);
  return rs;
}

/* What the language server does: after a whole-program run filled the
   cache, the summaries of every other unit are read back without parsing,
   and a changed file's entry is no longer offered. */
static void test_context_for_one_unit(void **state) {
  (void)state;
  char dir[] = "/tmp/connlint-test-context-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char net[600], app[600], cdir[600];
  snprintf(net, sizeof net, "%s/net.c", dir);
  snprintf(app, sizeof app, "%s/app.c", dir);
  snprintf(cdir, sizeof cdir, "%s/cache", dir);
  write_file(net, "#include <sys/socket.h>\n"
                  "int conn_open(void) {\n"
                  "  int fd = socket(AF_INET, SOCK_STREAM, 0);\n"
                  "  if (fd < 0) return -1;\n"
                  "  return fd;\n"
                  "}\n");
  write_file(app, "int conn_open(void);\n"
                  "int fetch(int n) { int fd = conn_open(); if (n) return -1; return fd; }\n");
  char *files[] = {net, app};
  JobList jl;
  joblist_init(&jl);
  compdb_add_files(&jl, files, 2, NULL, 0);
  char err[256];
  Cache *c = cache_open(cdir, 0, err, sizeof err);
  assert_non_null(c);
  DriverOptions o = {.jobs = 1, .whole_program = true, .summaries = true, .cache = c};
  engine_default_options(&o.engine);

  RuleSet *rs = posix_rules();
  DriverResult r;
  driver_result_init(&r);
  driver_run(&jl, rs, &o, &r);
  assert_int_equal(r.files_ok, 2);
  assert_int_equal(r.files_cached, 0);
  driver_result_free(&r);
  rules_delete(rs);

  /* The editor has app.c open: the rest of the program comes from the cache. */
  rs = posix_rules();
  SummaryTable *st = summary_table_new();
  assert_int_equal(driver_cache_context(c, &jl, rs, &o, st, app), 1);
  const FuncRule *open = summary_find_path(st, NULL, "conn_open");
  assert_non_null(open);
  assert_int_equal(open->nacquires, 1);
  assert_null(summary_find_path(st, NULL, "fetch")); /* skipped: being edited */
  summary_table_delete(st);
  rules_delete(rs);

  /* net.c changes on disk: its entry is stale until the next run. */
  write_file(net, "int conn_open(void) { return 3; }\n");
  cache_close(c);
  c = cache_open(cdir, 0, err, sizeof err); /* a new session: no remembered digests */
  o.cache = c;
  rs = posix_rules();
  st = summary_table_new();
  assert_int_equal(driver_cache_context(c, &jl, rs, &o, st, app), 0);
  assert_null(summary_find_path(st, NULL, "conn_open"));
  summary_table_delete(st);
  rules_delete(rs);

  cache_close(c);
  joblist_free(&jl);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_findings_text),
      cmocka_unit_test(test_entries),
      cmocka_unit_test(test_digest),
      cmocka_unit_test(test_summary_definitions),
      cmocka_unit_test(test_changed_lines),
      cmocka_unit_test(test_rule_filter),
      cmocka_unit_test(test_context_for_one_unit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
