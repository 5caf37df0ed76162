/*
 * test_instrument.c - fault plans in findings and the instrumented copy.
 *
 * Analyzes small units through the driver (as `connlint cc` does), checks
 * the structured fault plan the engine put in each finding (which call,
 * where, which failure value, whether it may be injected), then the copy
 * instrument_unit writes: the same lines as the original after a prelude
 * and a #line, the hooks at the expected sites, and code the system
 * compiler accepts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "compdb.h"
#include "driver.h"
#include "fingerprint.h"
#include "instrument.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Run {
  char path[256];
  const char *text;
  RuleSet *rs;
  DriverResult r;
  Arena a;
} Run;

static void analyze(Run *run, const char *text) {
  snprintf(run->path, sizeof run->path, "%s/instr_XXXXXX.c", CONNLINT_BINARY_DIR);
  int fd = mkstemps(run->path, 2);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  run->text = text;
  run->rs = rules_new();
  RuleError re;
  assert_int_equal(rules_load_builtin(run->rs, NULL, &re), 0);
  rules_finish(run->rs);
  JobList jl;
  joblist_init(&jl);
  char *files[] = {run->path};
  compdb_add_files(&jl, files, 1, NULL, 0);
  DriverOptions o = {.jobs = 1, .whole_program = true, .summaries = true};
  engine_default_options(&o.engine);
  driver_result_init(&run->r);
  driver_run(&jl, run->rs, &o, &run->r);
  joblist_free(&jl);
  fingerprints_assign(&run->r.findings);
  arena_init(&run->a);
}

static void done(Run *run) {
  unlink(run->path);
  driver_result_free(&run->r);
  rules_delete(run->rs);
  arena_free(&run->a);
}

static const Finding *finding_at(Run *run, int line) {
  for (int i = 0; i < run->r.findings.findings.len; i++) {
    const Finding *f = run->r.findings.findings.data[i];
    if (f->acq_loc.line == line) return f;
  }
  fail_msg("no finding acquired at line %d", line);
  return NULL;
}

static const FaultStep *fault_of(const Finding *f, const char *callee) {
  for (int i = 0; i < f->nfaults; i++)
    if (strcmp(f->faults[i].callee, callee) == 0) return &f->faults[i];
  return NULL;
}

/* The 1-based line of the first occurrence of needle in s. */
static int line_of(const char *s, const char *needle) {
  const char *at = strstr(s, needle);
  assert_non_null(at);
  int n = 1;
  for (; s < at; s++)
    n += *s == '\n';
  return n;
}

static int count_lines(const char *s) {
  int n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

static const char SEND[] = "#include <sys/socket.h>\n"
                           "#include <unistd.h>\n"
                           "int send_hello(int port) {\n"
                           "  int fd = socket(AF_INET, SOCK_STREAM, 0);\n"
                           "  if (fd < 0)\n"
                           "    return -1;\n"
                           "  ssize_t n = send(fd, \"hi\", 2, 0);\n"
                           "  if (n < 0)\n"
                           "    return -1;\n"
                           "  close(fd);\n"
                           "  return port;\n"
                           "}\n";

/* `n = send(..); if (n < 0)`: the plan names send() at its call, failing
   with -1; the acquisition's own test is part of the path, not a fault. */
static void test_fault_plan(void **state) {
  Run run;
  analyze(&run, SEND);
  const Finding *f = finding_at(&run, 4);
  const FaultStep *s = fault_of(f, "send");
  assert_non_null(s);
  assert_int_equal(s->loc.line, 7);
  assert_int_equal(s->loc.col, 15);
  assert_true(s->injectable);
  assert_int_equal(s->fail_value, -1);
  assert_int_equal(s->op, CMP_LT);
  const FaultStep *acq = fault_of(f, "socket");
  assert_true(acq == NULL || !acq->injectable);
  done(&run);
}

static void test_copy_keeps_lines_and_compiles(void **state) {
  Run run;
  analyze(&run, SEND);
  Buf out = {0};
  InstrumentStats st = {0};
  instrument_unit(&run.a, run.path, run.text, strlen(run.text), &run.r.findings, run.rs, &out, &st);
  const char *copy = buf_str(&run.a, &out);
  assert_int_equal(st.findings, 1);
  assert_int_equal(st.faults, 1);
  assert_int_equal(st.points, 1);
  assert_int_equal(st.skipped, 0);
  const char *line = strstr(copy, "#line 1 ");
  assert_non_null(line);
  /* after the #line, every original line is where it was; the unit's
     registration comes after the last one */
  const char *body = strchr(line, '\n') + 1;
  assert_int_equal(line_of(body, "ssize_t n ="), line_of(SEND, "ssize_t n ="));
  assert_int_equal(line_of(body, "close(fd))"), line_of(SEND, "close(fd)"));
  assert_int_equal(line_of(body, "return port;"), line_of(SEND, "return port;"));
  assert_true(line_of(body, "connlint_rt_unit(") > count_lines(SEND));
  const Finding *f = finding_at(&run, 4);
  char point[128];
  snprintf(point, sizeof point, "connlint_rt_fault(\"connlint/%s/7:15\"", f->fingerprint);
  assert_non_null(strstr(copy, point));
  assert_non_null(strstr(copy, "connlint_rt_acq(__connlint_frame"));
  assert_non_null(strstr(copy, "connlint_rt_rel(\"fd\""));
  assert_non_null(strstr(copy, "connlint_rt_at(__connlint_frame"));

  char cpath[300];
  snprintf(cpath, sizeof cpath, "%s.inst.c", run.path);
  FILE *fp = fopen(cpath, "w");
  assert_non_null(fp);
  fputs(copy, fp);
  fclose(fp);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "cc -fsyntax-only -Wall -Werror -pedantic -std=gnu11 %s", cpath);
  assert_int_equal(system(cmd), 0);
  unlink(cpath);
  done(&run);
}

/* A function the program defines runs for real: the path that needs
   check_len() to fail gets no injected fault. */
static void test_defined_callee_not_injected(void **state) {
  Run run;
  analyze(&run, "#include <stdlib.h>\n"
                "int check_len(int n) { return n < 0 ? 0 : n; }\n"
                "int use(int n) {\n"
                "  char *p = malloc(16);\n"
                "  if (p == NULL)\n"
                "    return -1;\n"
                "  if (check_len(n) < 0)\n"
                "    return -1;\n"
                "  free(p);\n"
                "  return 0;\n"
                "}\n");
  const Finding *f = finding_at(&run, 4);
  const FaultStep *s = fault_of(f, "check_len");
  assert_non_null(s);
  assert_false(s->injectable);
  done(&run);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fault_plan),
      cmocka_unit_test(test_copy_keeps_lines_and_compiles),
      cmocka_unit_test(test_defined_callee_not_injected),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
