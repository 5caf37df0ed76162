/*
 * test_output.c - the output side: finding lists, text and SARIF emitters,
 * fingerprints, suppressions, baselines and configuration files.
 *
 * Findings are built by hand against the sources in tests/golden/src, so
 * these tests do not depend on the front end or the engine. Text and SARIF
 * output are compared byte for byte with the files in tests/golden; run with
 * CONNLINT_UPDATE_GOLDEN=1 to rewrite them after an intended change (and
 * read the diff). Every SARIF log written here is also checked against the
 * SARIF 2.1.0 schema by tests/validate_sarif.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "baseline.h"
#include "config.h"
#include "emit_sarif.h"
#include "emit_text.h"
#include "fingerprint.h"
#include "fspath.h"
#include "ruledoc.h"
#include "suppress.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GOLDEN_DIR CONNLINT_SOURCE_DIR "/tests/golden"
#define SCRATCH_DIR CONNLINT_BINARY_DIR "/test-output"
/* The fake directory SARIF logs claim the golden sources live in, so the
   logs do not depend on where the repository is checked out. */
#define FAKE_ROOT "/src/project"

/* ---- Helpers ---------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  fseek(fp, 0, SEEK_END);
  long n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  *len = fread(s, 1, (size_t)n, fp);
  s[*len] = '\0';
  fclose(fp);
  return s;
}

static void spit(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  fputs(text, fp);
  fclose(fp);
}

static const char *scratch(const char *name) {
  static char path[4][1024];
  static int next;
  mkdir(SCRATCH_DIR, 0777);
  char *p = path[next++ % 4];
  snprintf(p, sizeof path[0], "%s/%s", SCRATCH_DIR, name);
  return p;
}

/* The golden runner: output must equal tests/golden/<name> byte for byte.
   On a mismatch the actual output is left in the scratch directory. */
static void check_golden(const char *name, const char *actual, size_t len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", GOLDEN_DIR, name);
  if (getenv("CONNLINT_UPDATE_GOLDEN")) {
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fwrite(actual, 1, len, fp);
    fclose(fp);
    return;
  }
  size_t glen = 0;
  char *golden = slurp(path, &glen);
  if (!golden || glen != len || memcmp(golden, actual, len) != 0) {
    const char *out = scratch(name);
    FILE *fp = fopen(out, "wb");
    if (fp) {
      fwrite(actual, 1, len, fp);
      fclose(fp);
    }
    fail_msg("output differs from golden file: diff -u %s %s", path, out);
  }
  free(golden);
}

/* Captures what an emitter writes. */
typedef struct Capture {
  FILE *fp;
  char *text;
  size_t len;
} Capture;

static FILE *capture_start(Capture *c) {
  c->text = NULL;
  c->len = 0;
  c->fp = open_memstream(&c->text, &c->len);
  assert_non_null(c->fp);
  return c->fp;
}

static void capture_end(Capture *c) {
  fclose(c->fp);
}

static void validate_sarif_file(const char *path) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/tests/validate_sarif.py %s", CONNLINT_SOURCE_DIR,
           path);
  int rc = system(cmd);
  if (rc != 0) fail_msg("SARIF schema validation failed (%d): %s", rc, cmd);
}

static void validate_sarif_text(const char *name, const char *text) {
  const char *path = scratch(name);
  spit(path, text);
  validate_sarif_file(path);
}

static json_t *parse_json(const char *text) {
  json_error_t err;
  json_t *j = json_loads(text, 0, &err);
  if (!j) fail_msg("not JSON: %s at line %d", err.text, err.line);
  return j;
}

/* ---- The golden findings ----------------------------------------------------- */

static Loc at(const char *file, int line, int col) {
  return (Loc){file, line, col};
}

/* The findings of tests/golden/src, as the engine would report them. File
   names are relative: tests run from tests/golden/src. */
static void golden_findings(FindingList *fl) {
  findings_init(fl);
  {
    PathStep steps[] = {{at("net.c", 11, 11), "socket acquired here"},
                        {at("net.c", 14, 7), "assuming connect() fails"},
                        {at("net.c", 15, 5), "taking the early return"}};
    Loc leaks[] = {at("net.c", 15, 5)};
    Finding f = {.kind = FIND_LEAK,
                 .rule_id = "connlint-fd-leak",
                 .kind_id = "socket",
                 .kind_desc = "socket",
                 .family = "fd",
                 .cwe = 775,
                 .func = "dial",
                 .loc = at("net.c", 11, 11),
                 .message = "socket 'fd' is not closed when connect() fails",
                 .acq_loc = at("net.c", 11, 11),
                 .acq_text = "socket(res->ai_family, SOCK_STREAM, 0)",
                 .leak_points = leaks,
                 .nleak_points = 1,
                 .steps = steps,
                 .nsteps = 3};
    findings_add(fl, &f);
  }
  {
    PathStep steps[] = {{at("net.c", 9, 7), "address list acquired here"},
                        {at("net.c", 12, 3), "assuming fd < 0"},
                        {at("net.c", 13, 5), "taking the early return"}};
    Loc leaks[] = {at("net.c", 13, 5), at("net.c", 15, 5)};
    Finding f = {.kind = FIND_LEAK,
                 .rule_id = "connlint-addrinfo-leak",
                 .kind_id = "addrinfo",
                 .kind_desc = "address list",
                 .family = "addrinfo",
                 .cwe = 401,
                 .func = "dial",
                 .loc = at("net.c", 9, 7),
                 .message = "address list 'res' is not freed when socket() fails",
                 .acq_loc = at("net.c", 9, 7),
                 .acq_text = "getaddrinfo(host, port, NULL, &res)",
                 .leak_points = leaks,
                 .nleak_points = 2,
                 .steps = steps,
                 .nsteps = 3};
    findings_add(fl, &f);
  }
  {
    PathStep steps[] = {{at("store.c", 8, 44), "memory acquired here"},
                        {at("store.c", 9, 3), "assuming fopen() fails"},
                        {at("store.c", 10, 5), "taking the early return"}};
    Loc leaks[] = {at("store.c", 10, 5)};
    Finding f = {.kind = FIND_LEAK,
                 .rule_id = "connlint-memory-leak",
                 .kind_id = "heap",
                 .kind_desc = "memory",
                 .family = "heap",
                 .cwe = 401,
                 .func = "load",
                 .loc = at("store.c", 8, 44),
                 .message = "memory 'copy' from strdup() is not freed when fopen() fails",
                 .acq_loc = at("store.c", 8, 44),
                 .acq_text = "strdup(name)",
                 .leak_points = leaks,
                 .nleak_points = 1,
                 .steps = steps,
                 .nsteps = 3};
    findings_add(fl, &f);
  }
  {
    Finding f = {.kind = FIND_LEAK,
                 .rule_id = "connlint-file-leak",
                 .kind_id = "file",
                 .kind_desc = "FILE stream",
                 .family = "stdio",
                 .cwe = 775,
                 .func = "load",
                 .loc = at("store.c", 7, 14),
                 .message = "FILE stream 'fp' is never closed",
                 .acq_loc = at("store.c", 7, 14),
                 .acq_text = "fopen(path, \"r\")"};
    findings_add(fl, &f);
  }
  {
    Finding f = {.kind = FIND_MISMATCH,
                 .rule_id = "connlint-mismatched-release",
                 .kind_id = "file",
                 .kind_desc = "FILE stream",
                 .family = "stdio",
                 .cwe = 404,
                 .func = "load",
                 .loc = at("store.c", 11, 3),
                 .message = "FILE stream 'fp' from fopen() is released with free()",
                 .acq_loc = at("store.c", 7, 14),
                 .acq_text = "fopen(path, \"r\")"};
    findings_add(fl, &f);
  }
  findings_note(fl, at("net.c", 7, 5),
                "analysis budget exhausted in 'dial' after 100000 states; findings may be missing");
  findings_note(fl, at("/nonexistent/include/proto.h", 3, 1), "unknown type name 'conn_t'");
  findings_note(fl, at(NULL, 0, 0), "no compile command for 'extra.c'; analyzed with defaults");
}

/* A hand-built RuleSet: a few built-in kinds and one user kind. */
static RuleSet *golden_rules(void) {
  RuleSet *rs = calloc(1, sizeof *rs);
  arena_init(&rs->arena);
  static const ResKind kinds[] = {
      {.id = "socket",
       .family = "fd",
       .desc = "socket",
       .cwe = 775,
       .leak_rule = "connlint-fd-leak",
       .pack = "posix"},
      {.id = "fd",
       .family = "fd",
       .desc = "file descriptor",
       .cwe = 775,
       .leak_rule = "connlint-fd-leak",
       .pack = "posix"},
      {.id = "file",
       .family = "stdio",
       .desc = "FILE stream",
       .cwe = 775,
       .leak_rule = "connlint-file-leak",
       .pack = "stdio"},
      {.id = "conn",
       .family = "conn",
       .desc = "connection",
       .cwe = 772,
       .help = "Close connections with conn_close().",
       .pack = "user"},
  };
  rs->nkinds = (int)(sizeof kinds / sizeof kinds[0]);
  rs->kinds = ARENA_ARRAY(&rs->arena, ResKind *, rs->nkinds);
  for (int i = 0; i < rs->nkinds; i++) {
    rs->kinds[i] = ARENA_NEW(&rs->arena, ResKind);
    *rs->kinds[i] = kinds[i];
  }
  return rs;
}

static void free_rules(RuleSet *rs) {
  arena_free(&rs->arena);
  free(rs);
}

/* Runs the output pipeline the way main.c does: sort, suppress, fingerprint. */
static void prepare(FindingList *fl, SourceCache *sc) {
  findings_sort(fl);
  suppress_apply(fl, sc);
  fingerprints_assign(fl);
}

static char *emit_sarif_string(FindingList *fl, const RuleSet *rs, SourceCache *sc,
                               bool baseline_used) {
  Capture cap;
  SarifOptions so = {.tool_version = "0.1.0",
                     .srcroot = FAKE_ROOT,
                     .cwd = FAKE_ROOT,
                     .exit_code = 1,
                     .execution_successful = true,
                     .sources = sc,
                     .baseline_used = baseline_used};
  assert_int_equal(sarif_emit(capture_start(&cap), fl, rs, &so), 0);
  capture_end(&cap);
  return cap.text;
}

static int setup_golden_dir(void **state) {
  static char old[4096];
  assert_non_null(getcwd(old, sizeof old));
  *state = old;
  return chdir(GOLDEN_DIR "/src");
}

static int restore_dir(void **state) {
  return chdir((const char *)*state);
}

/* ---- FindingList -------------------------------------------------------------- */

static void test_findings_copy_sort_dedupe(void **state) {
  FindingList fl, other;
  findings_init(&fl);
  findings_init(&other);
  char file[] = "a.c", msg[] = "leak", text[] = "malloc(1)";
  PathStep steps[] = {{at(file, 3, 1), "acquired"}};
  Finding f = {.kind = FIND_LEAK,
               .rule_id = "connlint-memory-leak",
               .func = "f",
               .loc = at(file, 3, 1),
               .message = msg,
               .acq_text = text,
               .steps = steps,
               .nsteps = 1};
  Finding *c1 = findings_add(&fl, &f);
  f.loc.line = 1;
  Finding *c2 = findings_add(&fl, &f);
  /* The list owns copies: changing the caller's strings changes nothing. */
  strcpy(file, "b.c");
  strcpy(msg, "XXXX");
  assert_string_equal(c1->loc.file, "a.c");
  assert_string_equal(c1->message, "leak");
  assert_string_equal(c1->steps[0].loc.file, "a.c");
  /* One copy per file name. */
  assert_ptr_equal(c1->loc.file, c2->loc.file);
  assert_ptr_equal(c1->loc.file, c1->steps[0].loc.file);

  f.loc = at("a.c", 1, 1);
  f.message = "leak";
  findings_add(&other, &f); /* a duplicate of c2 */
  f.loc = at("0.c", 9, 9);
  findings_add(&other, &f);
  findings_note(&other, at("a.c", 2, 2), "budget");
  findings_note(&other, at("a.c", 2, 2), "budget");
  findings_merge(&fl, &other);
  findings_free(&other);
  assert_int_equal(fl.findings.len, 4);
  findings_sort(&fl);
  assert_int_equal(fl.findings.len, 3);
  assert_int_equal(fl.notes.len, 1);
  const Finding *first = fl.findings.data[0], *second = fl.findings.data[1];
  assert_string_equal(first->loc.file, "0.c");
  assert_int_equal(second->loc.line, 1);
  ((Finding *)fl.findings.data[2])->suppressed = true;
  assert_int_equal(findings_count_active(&fl), 2);
  findings_free(&fl);

  assert_string_equal(finding_rule_id(FIND_DOUBLE_RELEASE), "connlint-double-release");
  assert_string_equal(finding_rule_id(FIND_MISMATCH), "connlint-mismatched-release");
  assert_string_equal(finding_rule_id(FIND_LOST_REFERENCE), "connlint-lost-reference");
  assert_string_equal(finding_rule_id(FIND_IGNORED_RESULT), "connlint-ignored-result");
  assert_null(finding_rule_id(FIND_LEAK));
}

static void test_fspath(void **state) {
  Arena a;
  arena_init(&a);
  assert_string_equal(fspath_normalize(&a, "a/./b//../c/"), "a/c");
  assert_string_equal(fspath_normalize(&a, "/../x/.."), "/");
  assert_string_equal(fspath_normalize(&a, "../../a"), "../../a");
  assert_string_equal(fspath_normalize(&a, "a/.."), ".");
  assert_string_equal(fspath_abs(&a, "/w/p", "../q/r.c"), "/w/q/r.c");
  assert_string_equal(fspath_dirname(&a, "/r.c"), "/");
  assert_string_equal(fspath_dirname(&a, "r.c"), ".");
  assert_string_equal(fspath_rel("/w/p", "/w/p/src/x.c"), "src/x.c");
  assert_null(fspath_rel("/w/p", "/w/pq/x.c"));
  assert_string_equal(fspath_rel("/", "/x.c"), "x.c");
  arena_free(&a);
}

/* ---- Fingerprints ------------------------------------------------------------ */

/* Expected values from github/codeql-action's own tests (fingerprints.test.ts). */
static void test_line_hash_matches_github(void **state) {
  struct {
    const char *text;
    const char *hashes[12];
  } cases[] = {
      {"", {"c129715d7a2bc9a3:1"}},
      {" a\nb\n  \t\tc\n d",
       {"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"}},
      {" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
       {"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"}},
      {" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
       {"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"}},
  };
  Arena a;
  arena_init(&a);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char **out;
    int n = fingerprint_hash_lines(&a, cases[i].text, strlen(cases[i].text), &out);
    int want = 0;
    while (cases[i].hashes[want])
      want++;
    assert_int_equal(n, want);
    for (int k = 0; k < n; k++)
      assert_string_equal(out[k], cases[i].hashes[k]);
  }
  /* Repeated lines are told apart by the occurrence suffix. */
  char text[400] = "";
  for (int i = 0; i < 10; i++)
    strcat(text, "Lorem ipsum dolor sit amet.\n");
  const char **out;
  assert_int_equal(fingerprint_hash_lines(&a, text, strlen(text), &out), 11);
  assert_string_equal(out[0], "a7f2ff13bc495cf2:1");
  assert_string_equal(out[5], "a7f2ff13bc495cf2:6");
  assert_string_equal(out[6], "a7f2ff1481e87703:1");
  assert_string_equal(out[9], "cc97dc7b1d7d8f7b:1");
  arena_free(&a);
}

static void test_fingerprint_normalize(void **state) {
  Arena a;
  arena_init(&a);
  assert_string_equal(fingerprint_normalize(&a, "socket( AF_INET,\n\t SOCK_STREAM , 0 )"),
                      "socket(AF_INET,SOCK_STREAM,0)");
  assert_string_equal(fingerprint_normalize(&a, "  (struct  conn *) malloc(n)"),
                      "(struct conn*)malloc(n)");
  assert_string_equal(fingerprint_normalize(&a, NULL), "");
  arena_free(&a);
}

/* Emits one finding of `src` at `line` and returns its fingerprints. */
static void fingerprints_of(const char *src, int line, char *key, char *line_hash) {
  const char *path = scratch("moved.c");
  spit(path, src);
  FindingList fl;
  findings_init(&fl);
  Finding f = {.kind = FIND_LEAK,
               .rule_id = "connlint-fd-leak",
               .kind_id = "socket",
               .kind_desc = "socket",
               .func = "dial",
               .loc = at(path, line, 12),
               .message = "socket 'fd' is not closed",
               .acq_loc = at(path, line, 12),
               .acq_text = "socket(AF_INET, SOCK_STREAM, 0)"};
  findings_add(&fl, &f);
  SourceCache sc;
  srccache_init(&sc);
  char *sarif = emit_sarif_string(&fl, NULL, &sc, false);
  json_t *log = parse_json(sarif);
  json_t *fps = json_object_get(
      json_array_get(json_object_get(json_array_get(json_object_get(log, "runs"), 0), "results"),
                     0),
      "partialFingerprints");
  strcpy(key, json_string_value(json_object_get(fps, FINGERPRINT_KEY)));
  strcpy(line_hash, json_string_value(json_object_get(fps, "primaryLocationLineHash")));
  json_decref(log);
  free(sarif);
  srccache_free(&sc);
  findings_free(&fl);
}

static void test_fingerprint_survives_blank_line(void **state) {
  const char *before = "int dial(void) {\n"
                       "  int fd = socket(AF_INET, SOCK_STREAM, 0);\n"
                       "  return 0;\n"
                       "}\n";
  const char *after = "\n"
                      "int dial(void) {\n"
                      "\n"
                      "  int fd = socket(AF_INET, SOCK_STREAM, 0);\n"
                      "  return 0;\n"
                      "}\n";
  const char *changed = "int dial(void) {\n"
                        "  int fd = socket(AF_INET6, SOCK_STREAM, 0);\n"
                        "  return 0;\n"
                        "}\n";
  char k1[64], h1[64], k2[64], h2[64], k3[64], h3[64];
  fingerprints_of(before, 2, k1, h1);
  fingerprints_of(after, 4, k2, h2);
  assert_string_equal(k1, k2);
  assert_string_equal(h1, h2);
  /* Both do depend on the line itself. */
  fingerprints_of(changed, 2, k3, h3);
  assert_string_not_equal(h1, h3);
  FindingList fl;
  findings_init(&fl);
  Finding f = {.rule_id = "connlint-fd-leak",
               .kind_id = "socket",
               .func = "dial",
               .acq_text = "socket(AF_INET6, SOCK_STREAM, 0)"};
  findings_add(&fl, &f);
  f.acq_text = "socket(AF_INET,SOCK_STREAM,0)";
  findings_add(&fl, &f);
  findings_add(&fl, &f);
  fingerprints_assign(&fl);
  const Finding *a = fl.findings.data[0], *b = fl.findings.data[1], *c = fl.findings.data[2];
  assert_string_not_equal(a->fingerprint, k1);
  assert_string_equal(b->fingerprint, k1); /* whitespace does not matter */
  assert_memory_equal(c->fingerprint, k1, 16);
  assert_string_equal(c->fingerprint + 16, ":2"); /* the second identical acquisition */
  findings_free(&fl);
}

/* ---- Text -------------------------------------------------------------------- */

static void emit_text_golden(const char *golden, bool color, bool quiet, int baselined) {
  FindingList fl;
  SourceCache sc;
  golden_findings(&fl);
  srccache_init(&sc);
  prepare(&fl, &sc);
  Capture cap;
  TextOptions o = {.color = color, .quiet = quiet, .sources = &sc, .baselined = baselined};
  text_emit(capture_start(&cap), &fl, &o);
  capture_end(&cap);
  check_golden(golden, cap.text, cap.len);
  free(cap.text);
  srccache_free(&sc);
  findings_free(&fl);
}

static void test_text_golden(void **state) {
  emit_text_golden("text.txt", false, false, 0);
}

static void test_text_golden_quiet(void **state) {
  emit_text_golden("text_quiet.txt", false, true, 0);
}

static void test_text_golden_color(void **state) {
  emit_text_golden("text_color.txt", true, false, 2);
}

static void test_text_summary_counts(void **state) {
  FindingList fl;
  findings_init(&fl);
  Capture cap;
  TextOptions o = {0};
  text_emit(capture_start(&cap), &fl, &o);
  capture_end(&cap);
  assert_string_equal(cap.text, "no findings\n");
  free(cap.text);
  Finding f = {.rule_id = "connlint-fd-leak", .loc = at("/nonexistent/x.c", 3, 4), .message = "m"};
  findings_add(&fl, &f);
  text_emit(capture_start(&cap), &fl, &o);
  capture_end(&cap);
  /* An unreadable file costs the quoted line, nothing else. */
  assert_string_equal(cap.text, "/nonexistent/x.c:3:4: warning: m [connlint-fd-leak]\n"
                                "1 finding in 1 file\n");
  free(cap.text);
  ((Finding *)fl.findings.data[0])->suppressed = true;
  text_emit(capture_start(&cap), &fl, &o);
  capture_end(&cap);
  assert_string_equal(cap.text, "no findings (1 suppressed)\n");
  free(cap.text);
  findings_free(&fl);
}

static void test_color_decision(void **state) {
  ColorMode m;
  assert_int_equal(color_mode_parse("auto", &m), 0);
  assert_int_equal(m, COLOR_AUTO);
  assert_int_equal(color_mode_parse("always", &m), 0);
  assert_int_equal(m, COLOR_ALWAYS);
  assert_int_equal(color_mode_parse("sometimes", &m), -1);
  assert_true(color_decide(COLOR_AUTO, true, "xterm-256color", NULL));
  assert_true(color_decide(COLOR_AUTO, true, NULL, ""));
  assert_false(color_decide(COLOR_AUTO, false, "xterm", NULL));
  assert_false(color_decide(COLOR_AUTO, true, "dumb", NULL));
  assert_false(color_decide(COLOR_AUTO, true, "xterm", "1"));
  assert_true(color_decide(COLOR_ALWAYS, false, "dumb", "1"));
  assert_false(color_decide(COLOR_NEVER, true, "xterm", NULL));
}

/* ---- SARIF ------------------------------------------------------------------- */

static void test_sarif_golden(void **state) {
  FindingList fl;
  SourceCache sc;
  golden_findings(&fl);
  srccache_init(&sc);
  prepare(&fl, &sc);
  RuleSet *rs = golden_rules();
  char *sarif = emit_sarif_string(&fl, rs, &sc, false);
  check_golden("output.sarif", sarif, strlen(sarif));
  validate_sarif_text("output.sarif", sarif);
  free(sarif);
  free_rules(rs);
  srccache_free(&sc);
  findings_free(&fl);
}

static json_t *rule_by_id(json_t *rules, const char *id, size_t *index) {
  size_t i;
  json_t *r;
  json_array_foreach(rules, i, r) {
    if (strcmp(json_string_value(json_object_get(r, "id")), id) == 0) {
      *index = i;
      return r;
    }
  }
  fail_msg("no rule %s", id);
  return NULL;
}

static void test_sarif_structure(void **state) {
  FindingList fl;
  SourceCache sc;
  golden_findings(&fl);
  srccache_init(&sc);
  prepare(&fl, &sc);
  RuleSet *rs = golden_rules();
  char *sarif = emit_sarif_string(&fl, rs, &sc, false);
  json_t *log = parse_json(sarif);
  json_t *run = json_array_get(json_object_get(log, "runs"), 0);
  json_t *rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");

  /* Every fixed rule id, plus the user kind's default id. */
  size_t ri;
  json_t *user = rule_by_id(rules, "connlint-conn-leak", &ri);
  assert_string_equal(json_string_value(json_object_get(user, "helpUri")),
                      RULEDOC_URI "#user-defined-rules");
  json_t *fd = rule_by_id(rules, "connlint-fd-leak", &ri);
  assert_non_null(strstr(json_string_value(json_object_get(json_object_get(fd, "help"), "text")),
                         "Resources: socket and fd."));
  json_t *tags = json_object_get(json_object_get(fd, "properties"), "tags");
  assert_string_equal(json_string_value(json_array_get(tags, 1)), "external/cwe/cwe-775");
  int n;
  ruledoc_all(&n);
  assert_int_equal(json_array_size(rules), n + 1);

  size_t i;
  json_t *res;
  int suppressed = 0;
  json_array_foreach(json_object_get(run, "results"), i, res) {
    const char *id = json_string_value(json_object_get(res, "ruleId"));
    size_t want;
    rule_by_id(rules, id, &want);
    assert_int_equal(json_integer_value(json_object_get(res, "ruleIndex")), want);
    json_t *loc =
        json_object_get(json_array_get(json_object_get(res, "locations"), 0), "physicalLocation");
    json_t *art = json_object_get(loc, "artifactLocation");
    assert_string_equal(json_string_value(json_object_get(art, "uriBaseId")), "%SRCROOT%");
    assert_null(strchr(json_string_value(json_object_get(art, "uri")), '/'));
    json_t *fps = json_object_get(res, "partialFingerprints");
    assert_non_null(json_object_get(fps, FINGERPRINT_KEY));
    assert_non_null(json_object_get(fps, "primaryLocationLineHash"));
    json_t *sup = json_object_get(res, "suppressions");
    if (sup) {
      suppressed++;
      assert_string_equal(id, "connlint-file-leak");
      json_t *s0 = json_array_get(sup, 0);
      assert_string_equal(json_string_value(json_object_get(s0, "kind")), "inSource");
      assert_string_equal(json_string_value(json_object_get(s0, "justification")),
                          "closed by the atexit hook");
    }
    if (strcmp(id, "connlint-memory-leak") == 0) {
      /* strdup follows "café": byte column 44 is UTF-16 column 43. */
      assert_int_equal(
          json_integer_value(json_object_get(json_object_get(loc, "region"), "startColumn")), 43);
      json_t *flow = json_object_get(
          json_array_get(
              json_object_get(json_array_get(json_object_get(res, "codeFlows"), 0), "threadFlows"),
              0),
          "locations");
      assert_int_equal(json_array_size(flow), 3);
    }
  }
  assert_int_equal(suppressed, 1);
  size_t nresults = json_array_size(json_object_get(run, "results"));
  free(sarif);
  json_decref(log);
  Capture cap;
  SarifOptions so = {
      .srcroot = FAKE_ROOT, .cwd = FAKE_ROOT, .sources = &sc, .omit_suppressed = true};
  assert_int_equal(sarif_emit(capture_start(&cap), &fl, rs, &so), 0);
  capture_end(&cap);
  sarif = cap.text;
  log = parse_json(sarif);
  run = json_array_get(json_object_get(log, "runs"), 0);
  assert_int_equal(json_array_size(json_object_get(run, "results")), nresults - 1);
  json_t *notes = json_object_get(json_array_get(json_object_get(run, "invocations"), 0),
                                  "toolExecutionNotifications");
  assert_int_equal(json_array_size(notes), 3);
  json_t *base = json_object_get(json_object_get(run, "originalUriBaseIds"), "%SRCROOT%");
  assert_string_equal(json_string_value(json_object_get(base, "uri")), "file://" FAKE_ROOT "/");
  /* The note outside the source root gets an absolute URI. */
  json_t *arts = json_object_get(run, "artifacts");
  bool absolute = false;
  json_array_foreach(arts, i, res) {
    const char *uri = json_string_value(json_object_get(json_object_get(res, "location"), "uri"));
    absolute |= strcmp(uri, "file:///nonexistent/include/proto.h") == 0;
  }
  assert_true(absolute);
  json_decref(log);
  free(sarif);
  free_rules(rs);
  srccache_free(&sc);
  findings_free(&fl);
}

static void test_sarif_empty_and_odd_text(void **state) {
  FindingList fl;
  findings_init(&fl);
  /* Invalid UTF-8 in a message and a path that needs percent-encoding. */
  Finding f = {.rule_id = "connlint-custom-leak",
               .kind_desc = "widget",
               .loc = at("dir with space/x#1.c", 1, 1),
               .message = "bad \xff byte, surrogate \xed\xa0\x80, overlong \xe0\x80\x80"};
  findings_add(&fl, &f);
  char *sarif = emit_sarif_string(&fl, NULL, NULL, true);
  validate_sarif_text("odd.sarif", sarif);
  json_t *log = parse_json(sarif);
  json_t *run = json_array_get(json_object_get(log, "runs"), 0);
  json_t *res = json_array_get(json_object_get(run, "results"), 0);
  assert_string_equal(json_string_value(json_object_get(json_object_get(res, "message"), "text")),
                      "bad \xef\xbf\xbd byte, surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd, "
                      "overlong \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  assert_string_equal(json_string_value(json_object_get(res, "baselineState")), "new");
  json_t *art = json_object_get(
      json_object_get(json_array_get(json_object_get(res, "locations"), 0), "physicalLocation"),
      "artifactLocation");
  assert_string_equal(json_string_value(json_object_get(art, "uri")), "dir%20with%20space/x%231.c");
  size_t idx;
  rule_by_id(json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules"),
             "connlint-custom-leak", &idx);
  json_decref(log);
  free(sarif);
  findings_free(&fl);

  findings_init(&fl);
  sarif = emit_sarif_string(&fl, NULL, NULL, false);
  validate_sarif_text("empty.sarif", sarif);
  free(sarif);
  findings_free(&fl);
}

/* ---- Suppressions ------------------------------------------------------------ */

static bool scan(Arena *a, const char *line, bool own_line, Suppression *s) {
  return suppress_scan_line(a, line, strlen(line), own_line, s);
}

static void test_suppress_scan_line(void **state) {
  Arena a;
  arena_init(&a);
  Suppression s;
  assert_true(scan(&a, "  x = f(); /* connlint: ignore[connlint-fd-leak] kept open */", false, &s));
  assert_null(s.error);
  assert_int_equal(s.nrules, 1);
  assert_string_equal(s.reason, "kept open");
  assert_true(suppression_covers(&s, "connlint-fd-leak"));
  assert_false(suppression_covers(&s, "connlint-file-leak"));

  assert_true(scan(&a, "// connlint: ignore[fd-leak, file-leak]", true, &s));
  assert_int_equal(s.nrules, 2);
  assert_string_equal(s.reason, "");
  assert_true(suppression_covers(&s, "connlint-file-leak"));

  assert_true(scan(&a, "f(); // connlint: ignore", false, &s));
  assert_null(s.rules);
  assert_true(suppression_covers(&s, "connlint-anything"));

  /* Not in a comment, or a trailing comment above the finding: no. */
  assert_false(scan(&a, "puts(\"// connlint: ignore\");", false, &s));
  assert_false(scan(&a, "f(); // connlint: ignore", true, &s));
  assert_true(scan(&a, "   * connlint: ignore[fd-leak] inside a block comment", true, &s));

  /* Malformed directives say why. */
  assert_true(scan(&a, "// connlint: ignroe[fd-leak]", false, &s));
  assert_non_null(strstr(s.error, "ignroe"));
  assert_false(suppression_covers(&s, "connlint-fd-leak"));
  assert_true(scan(&a, "// connlint: ignore[fd-leak", false, &s));
  assert_non_null(s.error);
  assert_true(scan(&a, "// connlint: ignore[]", false, &s));
  assert_non_null(s.error);
  arena_free(&a);
}

static void test_suppress_round_trip(void **state) {
  const char *path = scratch("suppress.c");
  spit(path, "void f(void) {\n"
             "  // connlint: ignore[fd-leak] handed to the event loop\n"
             "  int a = socket(1, 2, 3);\n"
             "  int b = socket(1, 2, 3); // connlint: ignore[file-leak] wrong rule\n"
             "  int c = socket(1, 2, 3); // connlint: ignroe\n"
             "}\n");
  FindingList fl;
  findings_init(&fl);
  for (int line = 3; line <= 5; line++) {
    Finding f = {.rule_id = "connlint-fd-leak",
                 .kind_id = "socket",
                 .func = "f",
                 .loc = at(path, line, 11),
                 .message = "socket is not closed",
                 .acq_text = "socket(1, 2, 3)"};
    findings_add(&fl, &f);
  }
  SourceCache sc;
  srccache_init(&sc);
  prepare(&fl, &sc);
  assert_int_equal(findings_count_active(&fl), 2);
  const Finding *a = fl.findings.data[0];
  assert_true(a->suppressed);
  assert_string_equal(a->suppress_reason, "handed to the event loop");
  assert_int_equal(fl.notes.len, 1);
  const Note *n = fl.notes.data[0];
  assert_int_equal(n->loc.line, 5);
  assert_non_null(strstr(n->msg, "unknown connlint directive"));

  Capture cap;
  TextOptions o = {.quiet = false, .sources = &sc};
  text_emit(capture_start(&cap), &fl, &o);
  capture_end(&cap);
  assert_null(strstr(cap.text, ":3:11: warning"));
  assert_non_null(strstr(cap.text, ":4:11: warning"));
  assert_non_null(strstr(cap.text, "2 findings in 1 file (1 suppressed)\n"));
  free(cap.text);
  srccache_free(&sc);
  findings_free(&fl);
}

/* ---- Baselines --------------------------------------------------------------- */

static void test_baseline_round_trip(void **state) {
  /* Yesterday's run, saved as the baseline. */
  const char *src = scratch("base.c");
  spit(src, "int dial(void) {\n"
            "  int fd = socket(AF_INET, SOCK_STREAM, 0);\n"
            "  char *p = malloc(8);\n"
            "  return 0;\n"
            "}\n");
  FindingList old;
  findings_init(&old);
  Finding f = {.rule_id = "connlint-fd-leak",
               .kind_id = "socket",
               .func = "dial",
               .loc = at(src, 2, 12),
               .message = "socket 'fd' is not closed",
               .acq_text = "socket(AF_INET, SOCK_STREAM, 0)"};
  findings_add(&old, &f);
  Finding g = {.rule_id = "connlint-memory-leak",
               .kind_id = "heap",
               .func = "dial",
               .loc = at(src, 3, 13),
               .message = "memory 'p' is not freed",
               .acq_text = "malloc(8)"};
  findings_add(&old, &g);
  SourceCache sc;
  srccache_init(&sc);
  prepare(&old, &sc);
  char *sarif = emit_sarif_string(&old, NULL, &sc, false);
  const char *base_path = scratch("baseline.sarif");
  spit(base_path, sarif);
  free(sarif);
  findings_free(&old);
  srccache_free(&sc);

  /* Today: lines moved, one finding is new (a second socket). */
  spit(src, "\n\nint dial(void) {\n"
            "  int fd = socket(AF_INET, SOCK_STREAM, 0);\n"
            "  int fd2 = socket(AF_INET, SOCK_STREAM, 0);\n"
            "  char *p = malloc(8);\n"
            "  return 0;\n"
            "}\n");
  FindingList now;
  findings_init(&now);
  f.loc = at(src, 4, 12);
  findings_add(&now, &f);
  f.loc = at(src, 5, 13);
  f.message = "socket 'fd2' is not closed";
  findings_add(&now, &f);
  g.loc = at(src, 6, 13);
  findings_add(&now, &g);
  srccache_init(&sc);
  prepare(&now, &sc);

  Baseline b;
  BaselineError err;
  baseline_init(&b);
  assert_int_equal(baseline_load(&b, base_path, &err), 0);
  assert_int_equal(b.nkeys, 2);
  assert_int_equal(baseline_filter(&b, &now), 2);
  assert_int_equal(now.findings.len, 1);
  const Finding *left = now.findings.data[0];
  assert_string_equal(left->message, "socket 'fd2' is not closed");
  assert_int_equal(left->loc.line, 5);
  baseline_free(&b);
  srccache_free(&sc);
  findings_free(&now);
}

static void test_baseline_errors(void **state) {
  Baseline b;
  BaselineError err;
  baseline_init(&b);
  assert_int_equal(baseline_load(&b, "/nonexistent/old.sarif", &err), -1);
  assert_non_null(strstr(err.msg, "/nonexistent/old.sarif"));
  assert_int_equal(baseline_parse(&b, "x.sarif", "{\"version\": ", &err), -1);
  assert_non_null(strstr(err.msg, "x.sarif:1:"));
  assert_int_equal(baseline_parse(&b, "x.sarif", "{\"version\": \"1.0\", \"runs\": []}", &err), -1);
  assert_non_null(strstr(err.msg, "not a SARIF 2.1.0 log"));
  assert_int_equal(baseline_parse(&b, "x.sarif",
                                  "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": "
                                  "{\"name\": \"other\"}}, \"results\": []}]}",
                                  &err),
                   -1);
  assert_non_null(strstr(err.msg, "no run by connlint"));
  assert_int_equal(baseline_parse(&b, "x.sarif",
                                  "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": "
                                  "{\"name\": \"connlint\"}}, \"results\": []}]}",
                                  &err),
                   0);
  assert_int_equal(b.nkeys, 0);
  baseline_free(&b);
}

/* ---- Configuration ----------------------------------------------------------- */

static void test_config_parse(void **state) {
  Arena a;
  arena_init(&a);
  Config c;
  ConfigError err;
  const char *text = "# project settings\n"
                     "packs = posix, stdio ,curl   # trailing comment\n"
                     "\n"
                     "no-default-rules = yes\n"
                     "rules = tools/our.rules\n"
                     "rules = ../common.rules, more.rules\n"
                     "exclude = third_party, src/gen*\n"
                     "exit-paths = ignore\n"
                     "compile-commands = build/\n";
  assert_int_equal(config_parse(&c, &a, "proj/.connlint", text, "/w", &err), 0);
  assert_string_equal(c.dir, "/w/proj");
  assert_true(c.packs_set);
  assert_int_equal(c.packs.len, 3);
  assert_string_equal(c.packs.data[2], "curl");
  assert_int_equal(c.packs_line, 2);
  assert_int_equal(c.no_default_rules, TRI_YES);
  assert_int_equal(c.rule_files.len, 3);
  assert_string_equal(c.rule_files.data[0], "/w/proj/tools/our.rules");
  assert_string_equal(c.rule_files.data[1], "/w/common.rules");
  assert_int_equal(c.exit_paths, EXIT_PATHS_IGNORE);
  assert_string_equal(c.compile_commands, "/w/proj/build");
  assert_int_equal(c.excludes.len, 2);

  assert_true(config_excluded(&c, "proj/third_party/zlib/inflate.c", "/w"));
  assert_true(config_excluded(&c, "/w/proj/src/generated/msg.c", "/w"));
  assert_true(config_excluded(&c, "third_party/x.c", "/w/proj/lib"));
  assert_false(config_excluded(&c, "proj/src/main.c", "/w"));
  assert_false(config_excluded(&c, "proj/lib/gen.c", "/w"));
  assert_false(config_excluded(&c, "other/third_party/x.c", "/w")); /* not under /w/proj */
  arena_free(&a);
}

static void expect_config_error(const char *text, const char *want) {
  Arena a;
  arena_init(&a);
  Config c;
  ConfigError err;
  assert_int_equal(config_parse(&c, &a, "p/.connlint", text, "/w", &err), -1);
  if (strcmp(err.msg, want) != 0) fail_msg("got \"%s\", want \"%s\"", err.msg, want);
  arena_free(&a);
}

static void test_config_errors(void **state) {
  expect_config_error("packs = posix\npakcs = curl\n",
                      "p/.connlint:2: unknown key 'pakcs' (known: packs, no-default-rules, rules, "
                      "exclude, exit-paths, compile-commands, cache-dir, enable, disable)");
  expect_config_error("\n\nno-default-rules = maybe\n",
                      "p/.connlint:3: 'no-default-rules' must be true or false, not 'maybe'");
  expect_config_error("exit-paths = report\nexit-paths = ignore\n",
                      "p/.connlint:2: 'exit-paths' is already set at line 1");
  expect_config_error("exit-paths = sometimes", "p/.connlint:1: 'exit-paths' must be report or "
                                                "ignore, not 'sometimes'");
  expect_config_error("packs posix\n", "p/.connlint:1: expected 'key = value', got 'packs posix'");
  expect_config_error("rules =\n", "p/.connlint:1: 'rules' has no value");
  expect_config_error("packs = posix,,curl\n", "p/.connlint:1: empty item in the list of 'packs'");
}

static void test_config_precedence(void **state) {
  Arena a;
  arena_init(&a);
  Config file, cli, eff;
  ConfigError err;
  assert_int_equal(config_parse(&file, &a, "/w/.connlint",
                                "packs = posix\nexit-paths = ignore\nrules = a.rules\n"
                                "compile-commands = build\nexclude = vendor\n",
                                "/w", &err),
                   0);
  config_init(&cli, NULL, "/w/sub");
  vec_push(&a, &cli.packs, "curl");
  cli.packs_set = true;
  cli.exit_paths = EXIT_PATHS_REPORT;
  vec_push(&a, &cli.rule_files, "/w/sub/b.rules");
  config_add_exclude(&cli, &a, "/w/sub", "./gen");
  config_merge(&eff, &a, &file, &cli);
  assert_int_equal(eff.packs.len, 1);
  assert_string_equal(eff.packs.data[0], "curl"); /* the command line wins */
  assert_int_equal(eff.exit_paths, EXIT_PATHS_REPORT);
  assert_string_equal(eff.compile_commands, "/w/build"); /* unset there: the file's */
  assert_int_equal(eff.no_default_rules, TRI_UNSET);
  assert_int_equal(eff.rule_files.len, 2); /* both apply */
  assert_string_equal(eff.rule_files.data[0], "/w/a.rules");
  assert_true(config_excluded(&eff, "/w/vendor/x.c", "/"));
  assert_true(config_excluded(&eff, "gen/y.c", "/w/sub"));
  assert_false(config_excluded(&eff, "/w/gen/y.c", "/"));

  config_merge(&eff, &a, NULL, &cli);
  assert_null(eff.compile_commands);
  config_init(&cli, NULL, "/w");
  config_merge(&eff, &a, &file, &cli);
  assert_string_equal(eff.packs.data[0], "posix");
  assert_int_equal(eff.exit_paths, EXIT_PATHS_IGNORE);
  arena_free(&a);
}

static void test_config_walk_up(void **state) {
  /* root/.connlint governs root/a/b; root/a/c has its own, malformed. */
  const char *root = scratch("cfgtree");
  char path[1200];
  mkdir(root, 0777);
  snprintf(path, sizeof path, "%s/a", root);
  mkdir(path, 0777);
  snprintf(path, sizeof path, "%s/a/b", root);
  mkdir(path, 0777);
  snprintf(path, sizeof path, "%s/a/c", root);
  mkdir(path, 0777);
  snprintf(path, sizeof path, "%s/.connlint", root);
  spit(path, "exit-paths = report\n");
  snprintf(path, sizeof path, "%s/a/c/.connlint", root);
  spit(path, "# broken\nexit-paths: report\n");

  ConfigSet cs;
  ConfigError err;
  const Config *c1, *c2;
  configs_init(&cs, NULL);
  snprintf(path, sizeof path, "%s/a/b/file.c", root);
  assert_int_equal(configs_for_file(&cs, path, &c1, &err), 0);
  assert_non_null(c1);
  assert_int_equal(c1->exit_paths, EXIT_PATHS_REPORT);
  snprintf(path, sizeof path, "%s/a", root);
  assert_int_equal(configs_find(&cs, path, &c2, &err), 0);
  assert_ptr_equal(c1, c2); /* read once */
  snprintf(path, sizeof path, "%s/a/c/x.c", root);
  assert_int_equal(configs_for_file(&cs, path, &c2, &err), -1);
  assert_non_null(strstr(err.msg, "/a/c/.connlint:2: expected 'key = value'"));
  configs_free(&cs);

  configs_init(&cs, "/");
  assert_int_equal(configs_find(&cs, "/proc/self", &c1, &err), 0);
  assert_null(c1);
  configs_free(&cs);
}

/* Every rule's helpUri anchor exists in docs/rules.md. */
static void test_rule_docs_have_sections(void **state) {
  size_t len;
  char *doc = slurp(CONNLINT_SOURCE_DIR "/docs/rules.md", &len);
  assert_non_null(doc);
  int n;
  const RuleDoc *docs = ruledoc_all(&n);
  for (int i = 0; i < n; i++) {
    char heading[128];
    snprintf(heading, sizeof heading, "\n## %s\n", docs[i].id);
    if (!strstr(doc, heading)) fail_msg("docs/rules.md has no section for %s", docs[i].id);
  }
  assert_non_null(strstr(doc, "\n## User-defined rules\n"));
  free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_findings_copy_sort_dedupe),
      cmocka_unit_test(test_fspath),
      cmocka_unit_test(test_line_hash_matches_github),
      cmocka_unit_test(test_fingerprint_normalize),
      cmocka_unit_test(test_fingerprint_survives_blank_line),
      cmocka_unit_test_setup_teardown(test_text_golden, setup_golden_dir, restore_dir),
      cmocka_unit_test_setup_teardown(test_text_golden_quiet, setup_golden_dir, restore_dir),
      cmocka_unit_test_setup_teardown(test_text_golden_color, setup_golden_dir, restore_dir),
      cmocka_unit_test(test_text_summary_counts),
      cmocka_unit_test(test_color_decision),
      cmocka_unit_test_setup_teardown(test_sarif_golden, setup_golden_dir, restore_dir),
      cmocka_unit_test_setup_teardown(test_sarif_structure, setup_golden_dir, restore_dir),
      cmocka_unit_test(test_sarif_empty_and_odd_text),
      cmocka_unit_test(test_suppress_scan_line),
      cmocka_unit_test(test_suppress_round_trip),
      cmocka_unit_test(test_baseline_round_trip),
      cmocka_unit_test(test_baseline_errors),
      cmocka_unit_test(test_config_parse),
      cmocka_unit_test(test_config_errors),
      cmocka_unit_test(test_config_precedence),
      cmocka_unit_test(test_config_walk_up),
      cmocka_unit_test(test_rule_docs_have_sections),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
