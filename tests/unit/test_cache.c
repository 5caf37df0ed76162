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
  FaultStep faults[2] = {
      {{"src/net 1.c", 36, 7}, "connect", CMP_LT, 0, false, true, -1, 111},
      {{"src/net 1.c", 39, 9}, "malloc", CMP_EQ, 0, true, true, 0, 12},
  };
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
      .func_loc = {"src/net 1.c", 33, 5},
      .acq_arg = 1,
      .acq_path = "*(@)",
      .acq_always = false,
      .acq_op = CMP_GE,
      .acq_value = 0,
      .faults = faults,
      .nfaults = 2,
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
  assert_int_equal(f->func_loc.line, 33);
  assert_int_equal(f->acq_arg, 1);
  assert_string_equal(f->acq_path, "*(@)");
  assert_int_equal(f->acq_op, CMP_GE);
  assert_int_equal(f->nfaults, 2);
  assert_string_equal(f->faults[0].callee, "connect");
  assert_int_equal(f->faults[0].fail_errno, 111);
  assert_true(f->faults[1].pointer);
  assert_int_equal(f->faults[1].op, CMP_EQ);
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

/* A cached run reads back every field the engine sets on a Finding and
   every field a FuncRule can carry. When one of these structs grows, this
   fails until the new field is written by cache_findings_write /
   summary_write (and checked above and below): a cached run must not lose
   it. The sizes are those of x86-64 Linux, where CI runs. */
#if defined(__x86_64__) && defined(__linux__)
_Static_assert(sizeof(Finding) == 256, "Finding changed: serialize the new field in "
                                       "analyzer/cache/text.c, then update this size");
_Static_assert(sizeof(FixSite) == 72, "FixSite changed: serialize it in analyzer/cache/text.c");
_Static_assert(sizeof(FaultStep) == 64, "FaultStep changed: serialize it in analyzer/cache/text.c");
_Static_assert(sizeof(FuncRule) == 496,
               "FuncRule changed: serialize the new field in "
               "summary_text.c's write_block/read_clause, then update this size");
_Static_assert(sizeof(Release) == 152, "Release changed: serialize it in summary_text.c");
_Static_assert(sizeof(Transfer) == 120, "Transfer changed: serialize it in summary_text.c");
#endif

static void test_rule_text(void **state) {
  (void)state;
  RuleSet *rs = rules_new();
  RuleError rerr;
  assert_int_equal(rules_load_builtin(rs, NULL, &rerr), 0);
  rules_finish(rs);
  char err[256];
  SummaryTable *st = summary_table_new();
  const char *text = "func f x.c 3\n"
                     "acquire socket ret >= 0\n"
                     "release fd arg0 partial when == 0\n"
                     "release heap arg1:*:.buf\n"
                     "move arg2 0 forget\n"
                     "borrow 3\n"
                     "escape 4\n"
                     "escape-deref 2\n"
                     "writes 1\n"
                     "ok-nonzero 1\n"
                     "noreturn\n"
                     "release-own fd\n"
                     "ret -7\n"
                     "borrow-all\n"
                     "hands-back 1 in-place\n"
                     "refs 5\n"
                     "derefs 3\n"
                     "owns-elements 2\n"
                     "permanent\n"
                     "leaves-locked\n"
                     "returns 2\n"
                     "ret-when 0 1 2,7\n"
                     "ret-range -1 0\n"
                     "set arg0:.state 1\n"
                     "unless arg0:.state == 1\n"
                     "runs 2\n"
                     "store arg1:* 0 2 1,4\n"
                     "store arg2 0 -1 -\n"
                     "end\n";
  assert_int_equal(summary_read(st, rs, text, err, sizeof err), 0);
  const FuncRule *r = summary_find_path(st, NULL, "f");
  assert_non_null(r);
  assert_true(r->ret_fixed);
  assert_int_equal(r->ret_value, -7);
  assert_true(r->borrow_all && r->hands_back && r->hands_back_in_place);
  assert_int_equal(r->hands_back_arg, 1);
  assert_int_equal(r->ref_mask, 5);
  assert_int_equal(r->derefs_args, 3);
  assert_true(r->owns_elements && r->permanent && r->leaves_locked && r->noreturn);
  assert_int_equal(r->owns_if_arg, 2);
  assert_int_equal(r->returns_arg, 2);
  assert_true(r->ret_when);
  assert_int_equal(r->ret_when_arg, 1);
  assert_int_equal(r->ret_when_n, 2);
  assert_int_equal(r->ret_when_vals[1], 7);
  assert_int_equal(r->escape_deref_mask, 2);
  assert_int_equal(r->writes_mask, 1);
  assert_int_equal(r->ret_ok_nonzero, 1);
  assert_true(r->ret_range);
  assert_int_equal(r->ret_lo, -1);
  assert_int_equal(r->ret_hi, 0);
  assert_true(r->has_set && r->has_unless && r->runs);
  assert_int_equal(r->set_src, 1);
  assert_int_equal(r->unless_c, 1);
  assert_int_equal(r->runs_arg, 2);
  assert_int_equal(r->nstores, 2);
  assert_int_equal(r->stores[0].nif, 2);
  assert_int_equal(r->stores[0].if_vals[1], 4);
  assert_int_equal(r->stores[1].if_arg, -1);
  assert_true(r->releases[0].conditional && r->releases[0].partial);
  assert_true(r->transfers[0].forget_on_failure);
  /* And back to the same text. */
  Arena a;
  arena_init(&a);
  Buf b = {0};
  summary_write_rule(r, &b, &a);
  assert_string_equal(buf_str(&a, &b), text);
  assert_int_not_equal(summary_read(st, rs, "func g x.c 1\nret x\nend\n", err, sizeof err), 0);
  arena_free(&a);
  summary_table_delete(st);
  rules_delete(rs);
}

static void test_entries(void **state) {
  (void)state;
  char dir[] = "/tmp/connlint-test-cache-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char err[256];
  Cache *c = cache_open(dir, 0, digest_str("build A"), err, sizeof err);
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

/* An entry another build of connlint wrote (same version string, other
   binary) is not reused, and is not taken for damage either: this build
   writes its own over it. */
static void test_other_build(void **state) {
  (void)state;
  char dir[] = "/tmp/connlint-test-cache-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char err[256];
  CacheUnit u = {
      .path = "app.c", .file = digest_str("app"), .findings = "", .facts = "", .checks = ""};
  Digest slot = digest_str("slot");
  Cache *old = cache_open(dir, 0, digest_str("build A"), err, sizeof err);
  assert_non_null(old);
  assert_int_equal(cache_unit_store(old, slot, &u), 0);
  cache_close(old);

  Arena a;
  arena_init(&a);
  CacheUnit back;
  Cache *c = cache_open(dir, 0, digest_str("build B"), err, sizeof err);
  assert_int_equal(cache_unit_load(c, slot, &a, &back), -1);
  cache_close(c);
  c = cache_open(dir, 0, digest_str("build A"), err, sizeof err);
  assert_int_equal(cache_unit_load(c, slot, &a, &back), 0); /* kept for its own build */
  assert_string_equal(back.path, "app.c");
  cache_close(c);

  /* The running binary's identity: its executable's digest, stable within
     the process and not the version string's. */
  char note[512];
  Digest b1 = cache_build_id(note, sizeof note), b2 = cache_build_id(note, sizeof note);
  assert_string_equal(note, "");
  assert_true(digest_equal(b1, b2));
  Digest exe;
  assert_true(digest_file("/proc/self/exe", &exe));
  assert_true(digest_equal(b1, exe));
  assert_false(digest_equal(b1, digest_str("version " CONNLINT_VERSION)));
  assert_false(digest_file("/nonexistent/connlint", &exe));
  arena_free(&a);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static Digest memo_session(const char *cdir, CacheMemo *m, const char *path) {
  char err[256];
  Cache *c = cache_open(cdir, 0, digest_str("build A"), err, sizeof err);
  assert_non_null(c);
  cache_use_memo(c, m);
  Digest d;
  assert_true(cache_file_digest(c, path, &d));
  cache_close(c);
  cache_memo_sweep(m);
  return d;
}

/* The language server's memo: a file whose stat is unchanged is not read
   again in a later session, a changed one is, and a file no session asks
   about any more is forgotten. */
static void test_memo(void **state) {
  (void)state;
  char dir[] = "/tmp/connlint-test-memo-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char cdir[600], a[600], b[600];
  snprintf(cdir, sizeof cdir, "%s/cache", dir);
  snprintf(a, sizeof a, "%s/a.c", dir);
  snprintf(b, sizeof b, "%s/b.c", dir);
  write_text(a, "int one;\n");
  write_text(b, "int b;\n");
  sleep(3); /* older than the racy window */
  CacheMemo *m = cache_memo_new();
  assert_true(digest_equal(memo_session(cdir, m, a), digest_str("int one;\n")));
  assert_int_equal(cache_memo_size(m), 1);
  assert_int_equal(cache_memo_hits(m), 0);
  assert_true(digest_equal(memo_session(cdir, m, a), digest_str("int one;\n")));
  assert_int_equal(cache_memo_hits(m), 1);
  /* Same size, new contents: its times changed, so it is read again (and,
     changed just now, not remembered until it settles). */
  write_text(a, "int two;\n");
  assert_true(digest_equal(memo_session(cdir, m, a), digest_str("int two;\n")));
  assert_true(digest_equal(memo_session(cdir, m, a), digest_str("int two;\n")));
  assert_int_equal(cache_memo_hits(m), 1);
  /* A session that never asks about a.c: it leaves the memo. */
  memo_session(cdir, m, b);
  assert_int_equal(cache_memo_size(m), 1);
  memo_session(cdir, m, b);
  assert_int_equal(cache_memo_hits(m), 2);
  cache_memo_delete(m);
  char cmd[700];
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
  assert_false(digest_parse("", &c));
  char longer[40];
  snprintf(longer, sizeof longer, "%s0", hex);
  assert_false(digest_parse(longer, &c));
  hex[31] = 'A'; /* digest_hex writes lower case only */
  assert_false(digest_parse(hex, &c));
  assert_true(digest_parse("0123456789abcdef00000000000000ff", &c));
  assert_true(c.h[0] == 0x0123456789abcdefULL && c.h[1] == 0xff);
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
  Cache *c = cache_open(cdir, 0, digest_str("build A"), err, sizeof err);
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
  c = cache_open(cdir, 0, digest_str("build A"), err,
                 sizeof err); /* a new session: no remembered digests */
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
      cmocka_unit_test(test_rule_text),
      cmocka_unit_test(test_entries),
      cmocka_unit_test(test_other_build),
      cmocka_unit_test(test_memo),
      cmocka_unit_test(test_digest),
      cmocka_unit_test(test_summary_definitions),
      cmocka_unit_test(test_changed_lines),
      cmocka_unit_test(test_rule_filter),
      cmocka_unit_test(test_context_for_one_unit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
