/*
 * test_engine.c - the path-sensitive engine and function summaries, on C.
 *
 * Each test lowers a snippet with the real front end, runs the engine with
 * a small rule pack written in the rule language (below), and checks the
 * findings: kind, rule id, line, leak points and path steps for the bad
 * variants, and no finding at all for the good ones. The snippets declare
 * the library functions they call instead of including system headers, so
 * the tests are fast and do not depend on the machine's libc headers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "engine.h"
#include "frontend.h"
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *RULES =
    "kind socket { family fd; desc \"socket\"; cwe 775; leak connlint-fd-leak }\n"
    "kind fd { family fd; desc \"file descriptor\"; cwe 775; leak connlint-fd-leak }\n"
    "kind file { family stdio; desc \"stdio stream\"; cwe 775; leak connlint-file-leak }\n"
    "kind pstream { family popen; desc \"pipe stream\"; cwe 775; leak connlint-file-leak }\n"
    "kind heap { family heap; desc \"heap buffer\"; cwe 401; leak connlint-memory-leak }\n"
    "kind addrinfo { family addrinfo; desc \"address list\"; cwe 401; "
    "leak connlint-addrinfo-leak }\n"
    "kind mutex { family lock; desc \"mutex\"; cwe 667; leak connlint-lock-not-released; "
    "scoped }\n"
    "func socket, accept: returns socket when ret >= 0; borrows all\n"
    "func open, dup: returns fd when ret >= 0; borrows all\n"
    "func pipe: acquires fd at arg0[0], arg0[1] when ret == 0; borrows all\n"
    "func close: releases fd at arg0\n"
    "func fopen: returns file when ret != NULL; borrows all\n"
    "func fdopen: returns file when ret != NULL; moves arg0 into ret; borrows all\n"
    "func fclose: releases stdio at arg0\n"
    "func popen: returns pstream when ret != NULL; borrows all\n"
    "func pclose: releases popen at arg0\n"
    "func malloc, strdup: returns heap when ret != NULL; borrows all\n"
    "func realloc: returns heap when ret != NULL; moves arg0 into ret; borrows all\n"
    "func free: releases heap at arg0\n"
    "func getaddrinfo: acquires addrinfo at *arg3 when ret == 0; borrows all\n"
    "func freeaddrinfo: releases addrinfo at arg0\n"
    "func pthread_mutex_lock: acquires mutex at *arg0 when ret == 0; borrows all\n"
    "func pthread_mutex_trylock: acquires mutex at *arg0 when ret == 0; borrows all\n"
    "func pthread_mutex_unlock: releases lock at *arg0; borrows all\n"
    "func connect, send, recv, read, write, printf, log_msg, strlen: borrows all\n"
    "kind handle { family handle; desc \"handle\"; cwe 772; leak connlint-handle-leak }\n"
    "func handle_new: returns handle when ret != NULL\n"
    "func handle_free: releases handle at arg0\n"
    "func handle_set: stores arg2 in arg0 when arg1 in (1, 2); borrows all\n"
    "func copy_bytes: stores *arg1 in arg0; borrows all\n"
    "func exit, abort: noreturn\n"
    "kind thread { family thread; desc \"thread\"; cwe 772; leak connlint-thread-leak }\n"
    "func pthread_create: acquires thread at *arg0 when ret == 0; borrows arg0, arg1, arg2;\n"
    "     unless *arg1 == 1; runs arg2\n"
    "func pthread_join: releases thread at arg0\n"
    "func pthread_detach: releases thread at arg0\n"
    "func pthread_self, pthread_attr_init: borrows all\n"
    "func pthread_attr_setdetachstate: sets *arg0 to arg1; borrows all\n";

static const char *DECLS =
    "typedef unsigned long size_t;\n"
    "typedef struct FILE FILE;\n"
    "typedef struct { int x; } pthread_mutex_t;\n"
    "struct addrinfo { struct addrinfo *ai_next; int ai_family; };\n"
    "int socket(int, int, int); int accept(int, void *, void *);\n"
    "int open(const char *, int); int dup(int); int pipe(int *); int close(int);\n"
    "int connect(int, const void *, int); long send(int, const void *, size_t, int);\n"
    "long recv(int, void *, size_t, int); long read(int, void *, size_t);\n"
    "long write(int, const void *, size_t); int printf(const char *, ...);\n"
    "void log_msg(const char *, ...); size_t strlen(const char *);\n"
    "FILE *fopen(const char *, const char *); FILE *fdopen(int, const char *);\n"
    "int fclose(FILE *); FILE *popen(const char *, const char *); int pclose(FILE *);\n"
    "void *malloc(size_t); char *strdup(const char *); void *realloc(void *, size_t);\n"
    "void free(void *);\n"
    "int getaddrinfo(const char *, const char *, const void *, struct addrinfo **);\n"
    "void freeaddrinfo(struct addrinfo *);\n"
    "int pthread_mutex_lock(pthread_mutex_t *); int pthread_mutex_trylock(pthread_mutex_t *);\n"
    "int pthread_mutex_unlock(pthread_mutex_t *);\n"
    "void exit(int) __attribute__((noreturn)); void abort(void) __attribute__((noreturn));\n"
    "void keep(int fd); void (*hook)(int);\n"
    "typedef struct H H; H *handle_new(void); void handle_free(H *);\n"
    "int handle_set(H *, int, ...); void copy_bytes(void *, const void *, size_t);\n"
    "typedef unsigned long pthread_t; typedef struct { int st; } pthread_attr_t;\n"
    "int pthread_create(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);\n"
    "int pthread_join(pthread_t, void **); int pthread_detach(pthread_t);\n"
    "pthread_t pthread_self(void); int pthread_attr_init(pthread_attr_t *);\n"
    "int pthread_attr_setdetachstate(pthread_attr_t *, int);\n"
    "#define NULL ((void *)0)\n";

#include "snippet.h"

/* ---- Constants the program fixes ----------------------------------------- */

static void test_const_global_decides_branch_good(void **state) {
  (void)state;
  analyze("static const int fast_path = 0;\n"
          "int splice_out(int fd);\n"
          "int relay(int c) {\n"
          "  int fd = open(\"/tmp/x\", 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (fast_path) return splice_out(c);\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_unwritten_static_decides_branch_good(void **state) {
  (void)state;
  analyze("static int legacy;\n"
          "int old_path(int fd);\n"
          "int relay(int c) {\n"
          "  int fd = open(\"/tmp/x\", 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (legacy) return old_path(c);\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_written_static_is_unknown_bad(void **state) {
  (void)state;
  analyze("static int legacy;\n"
          "int old_path(int fd);\n"
          "void set_legacy(int on) { legacy = on; }\n"
          "int relay(int c) {\n"
          "  int fd = open(\"/tmp/x\", 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (legacy) return old_path(c);\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 5);
  expect_count(1);
}

static void test_address_taken_static_is_unknown_bad(void **state) {
  (void)state;
  analyze("static int legacy;\n"
          "int *legacy_flag = &legacy;\n"
          "int old_path(int fd);\n"
          "int relay(int c) {\n"
          "  int fd = open(\"/tmp/x\", 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (legacy) return old_path(c);\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 5);
  expect_count(1);
}

static void test_extern_global_needs_whole_program_bad(void **state) {
  (void)state;
  /* Not static and no main: another unit may set it. */
  use_summaries = true;
  analyze("int legacy;\n"
          "int old_path(int fd);\n"
          "int relay(int c) {\n"
          "  int fd = open(\"/tmp/x\", 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (legacy) return old_path(c);\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 4);
  expect_count(1);
}

static void test_extern_global_in_program_good(void **state) {
  (void)state;
  use_summaries = true;
  add_unit("conf.c", "int legacy = 0;\n");
  analyze("extern int legacy;\n"
          "int old_path(int fd);\n"
          "int relay(int c) {\n"
          "  int fd = open(\"/tmp/x\", 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (legacy) return old_path(c);\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n"
          "int main(void) { return relay(0); }\n");
  expect_none();
}

static void test_constant_returning_helper_good(void **state) {
  (void)state;
  use_summaries = true;
  analyze("static int tls_on(void) { return 0; }\n"
          "void note(void);\n"
          "int serve(void) {\n"
          "  char *buf = 0;\n"
          "  if (tls_on()) buf = malloc(64);\n"
          "  note();\n"
          "  if (tls_on()) free(buf);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

/* ---- Facts every caller guarantees ---------------------------------------- */

static const char *POOL_HELPER = "static int pool_open(int n) {\n"
                                 "  int ctl = open(\"/dev/null\", 0);\n"
                                 "  if (ctl < 0) return -1;\n"
                                 "  if (n == 0) return -1;\n"
                                 "  close(ctl);\n"
                                 "  return 0;\n"
                                 "}\n";

static void test_precondition_from_checked_caller_good(void **state) {
  (void)state;
  analyze_after(POOL_HELPER, "int start(int n) { if (n <= 0) return -1; return pool_open(n); }\n");
  expect_none();
}

static void test_precondition_from_constant_callers_good(void **state) {
  (void)state;
  analyze_after(POOL_HELPER, "int a(void) { return pool_open(4); }\n"
                             "int b(void) { return pool_open(1); }\n");
  expect_none();
}

static void test_precondition_one_unchecked_caller_bad(void **state) {
  (void)state;
  analyze_after(POOL_HELPER, "int a(void) { return pool_open(4); }\n"
                             "int b(int n) { return pool_open(n); }\n");
  find(FIND_LEAK, FD, 2);
  expect_count(1);
}

static void test_precondition_address_taken_bad(void **state) {
  (void)state;
  analyze_after(POOL_HELPER, "int (*hook_open)(int) = pool_open;\n"
                             "int a(void) { return pool_open(4); }\n");
  find(FIND_LEAK, FD, 2);
  expect_count(1);
}

static void test_precondition_never_called_bad(void **state) {
  (void)state;
  /* No call site: nothing is known, every path stays. */
  analyze_after(POOL_HELPER, "");
  find(FIND_LEAK, FD, 2);
  expect_count(1);
}

static void test_precondition_external_needs_program_bad(void **state) {
  (void)state;
  /* An external function of a library (no main) may have other callers. */
  use_summaries = true;
  analyze("int lib_open(int n) {\n"
          "  int ctl = open(\"/dev/null\", 0);\n"
          "  if (ctl < 0) return -1;\n"
          "  if (n == 0) return -1;\n"
          "  close(ctl);\n"
          "  return 0;\n"
          "}\n"
          "int a(void) { return lib_open(4); }\n");
  find(FIND_LEAK, FD, 2);
  expect_count(1);
}

static void test_precondition_external_in_program_good(void **state) {
  (void)state;
  use_summaries = true;
  add_unit("pool.c", "int pool_open2(int n) {\n"
                     "  int ctl = open(\"/dev/null\", 0);\n"
                     "  if (ctl < 0) return -1;\n"
                     "  if (n == 0) return -1;\n"
                     "  close(ctl);\n"
                     "  return 0;\n"
                     "}\n");
  analyze("int pool_open2(int n);\n"
          "int main(int argc, char **argv) { return pool_open2(argc > 1 ? 8 : 2); }\n");
  expect_none();
}

static void test_precondition_loop_runs_once_good(void **state) {
  (void)state;
  use_summaries = true;
  analyze("static int send_all(int fd, int n) {\n"
          "  char *buf = malloc(64);\n"
          "  if (!buf) return -1;\n"
          "  int sent = 0;\n"
          "  for (int i = 0; i < n; i++) sent = 1;\n"
          "  if (sent == 0) return -1;\n"
          "  free(buf);\n"
          "  return 0;\n"
          "}\n"
          "int flush(int fd, int n) { if (n < 1) return 0; return send_all(fd, n); }\n");
  expect_none();
}

/* ---- Call sites kept apart ------------------------------------------------ */

static const char *INTER_HELPER = "static void inter(const char *dst, int count_only) {\n"
                                  "  char *out = 0;\n"
                                  "  if (dst) out = malloc(16);\n"
                                  "  if (count_only) return;\n"
                                  "  free(out);\n"
                                  "}\n";

static void test_sites_no_caller_passes_both_good(void **state) {
  (void)state;
  /* Joined per parameter, dst is "anything" and count_only "0 or 1"; no
     single call passes both a destination and count-only. */
  analyze_after(INTER_HELPER, "void a(void) { inter(0, 0); }\n"
                              "void b(void) { inter(0, 1); }\n"
                              "void c(const char *k) { inter(k, 0); }\n");
  expect_none();
}

static void test_sites_one_caller_passes_both_bad(void **state) {
  (void)state;
  analyze_after(INTER_HELPER, "void a(void) { inter(0, 1); }\n"
                              "void c(const char *k) { inter(k, 0); }\n"
                              "void d(const char *k) { if (k) inter(k, 1); }\n");
  find(FIND_LEAK, MEM, 3);
  expect_count(1);
}

static void test_sites_parameter_reassigned_bad(void **state) {
  (void)state;
  /* The tuples speak of the values passed in; a parameter assigned to
     later is a new value, and the path stays. */
  use_summaries = true;
  analyze("static void inter(const char *dst, int count_only, int force) {\n"
          "  char *out = 0;\n"
          "  if (force) count_only = 1;\n"
          "  if (dst) out = malloc(16);\n"
          "  if (count_only) return;\n"
          "  free(out);\n"
          "}\n"
          "void a(int f) { inter(0, 1, f); }\n"
          "void c(const char *k, int f) { inter(k, 0, f); }\n");
  find(FIND_LEAK, MEM, 4);
  expect_count(1);
}

/* ---- Release loops -------------------------------------------------------- */

static void test_release_loop_widened_heap_vector_good(void **state) {
  (void)state;
  /* The vector's length comes from arithmetic the engine does not relate
     to the element stored at index 2; the loop over that length frees it. */
  analyze("void f(int opts, int elems) {\n"
          "  int n = opts + elems * 2;\n"
          "  char **v = malloc(8 * (size_t)n);\n"
          "  if (!v) return;\n"
          "  for (int i = 0; i < 3; i++) v[i] = 0;\n"
          "  v[2] = strdup(\"x\");\n"
          "  for (int i = 0; i < n; i++) free(v[i]);\n"
          "  free(v);\n"
          "}\n");
  expect_none();
}

static void test_release_loop_from_one_keeps_first_bad(void **state) {
  (void)state;
  analyze("void f(int n) {\n"
          "  char **v = malloc(8 * (size_t)(n + 1));\n"
          "  if (!v) return;\n"
          "  v[0] = strdup(\"name\");\n"
          "  for (int i = 1; i < n; i++) free(v[i]);\n"
          "  free(v);\n"
          "}\n");
  find(FIND_LEAK, MEM, 4);
  expect_count(1);
}

static void test_release_loop_after_clearing_loop_good(void **state) {
  (void)state;
  /* The clearing loop assumed to run zero times decides the freeing
     loop's first test: that is the same assumption, not a real zero. */
  analyze("void f(int n, unsigned h) {\n"
          "  char **v = malloc(8 * (size_t)n);\n"
          "  if (!v) return;\n"
          "  for (int i = 0; i < n; i++) v[i] = 0;\n"
          "  unsigned k = 0;\n"
          "  v[k] = strdup(\"x\");\n"
          "  for (int i = 0; i < n; i++) free(v[i]);\n"
          "  free(v);\n"
          "}\n");
  expect_none();
}

static void test_release_loop_after_tested_zero_bad(void **state) {
  (void)state;
  /* The program tests the count itself: zero is real, slot 0 leaks. */
  analyze("void f(int n) {\n"
          "  char **v = malloc(8 * (size_t)n + 8);\n"
          "  if (!v) return;\n"
          "  for (int i = 0; i < n; i++) v[i] = 0;\n"
          "  if (n <= 0) v[0] = strdup(\"default\");\n"
          "  for (int i = 0; i < n; i++) free(v[i]);\n"
          "  free(v);\n"
          "}\n");
  find(FIND_LEAK, MEM, 5);
  expect_count(1);
}

/* ---- Fields main sets up -------------------------------------------------- */

static const char *STARTUP_PROGRAM =
    "struct settings { int workers; int per_udp; };\n"
    "struct settings settings;\n"
    "static void defaults(void) { settings.workers = 4; settings.per_udp = 0; }\n"
    "static int serve(void) {\n"
    "  int fd = socket(2, 2, 0);\n"
    "  if (fd < 0) return -1;\n"
    "  for (int c = 0; c < settings.per_udp; c++) { close(fd); fd = -1; }\n"
    "  return 0;\n"
    "}\n"
    "int atoi(const char *s);\n"
    "int main(int argc, char **argv) {\n"
    "  defaults();\n"
    "  if (argc > 1) {\n"
    "    settings.workers = atoi(argv[1]);\n"
    "    if (settings.workers %s 0) return 1;\n"
    "  }\n"
    "  settings.per_udp = settings.workers;\n"
    "%s"
    "  return serve();\n"
    "}\n";

static void analyze_startup(const char *check, const char *extra) {
  char code[2048];
  snprintf(code, sizeof code, STARTUP_PROGRAM, check, extra);
  use_summaries = true;
  analyze(code);
}

static void test_startup_field_checked_good(void **state) {
  (void)state;
  analyze_startup("<=", "");
  expect_none();
}

static void test_startup_field_zero_allowed_bad(void **state) {
  (void)state;
  analyze_startup("<", "");
  find(FIND_LEAK, FD, 5);
  expect_count(1);
}

static void test_startup_field_rewritten_by_callee_bad(void **state) {
  (void)state;
  /* defaults() runs again after the check: its 0 is what serve() sees. */
  analyze_startup("<=", "  defaults();\n  settings.per_udp = 0 * settings.workers;\n");
  find(FIND_LEAK, FD, 5);
  expect_count(1);
}

static void test_startup_field_needs_main_bad(void **state) {
  (void)state;
  /* A library: whoever links it sets the field. */
  use_summaries = true;
  analyze("struct settings { int per_udp; };\n"
          "struct settings settings;\n"
          "static int serve(void) {\n"
          "  int fd = socket(2, 2, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  for (int c = 0; c < settings.per_udp; c++) { close(fd); fd = -1; }\n"
          "  return 0;\n"
          "}\n"
          "int lib_start(void) { settings.per_udp = 1; return serve(); }\n");
  find(FIND_LEAK, FD, 4);
  expect_count(1);
}

/* ---- Values derived from one value and a constant ------------------------ */

static void test_same_bit_test_twice_good(void **state) {
  (void)state;
  analyze("int f(int flags, const char *p) {\n"
          "  int fd = -1;\n"
          "  if (flags & 4) fd = open(p, 0);\n"
          "  if (fd < 0 && (flags & 4)) return -1;\n"
          "  if (flags & 4) close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_other_bit_test_bad(void **state) {
  (void)state;
  analyze("int f(int flags, const char *p) {\n"
          "  int fd = -1;\n"
          "  if (flags & 4) fd = open(p, 0);\n"
          "  if (fd < 0 && (flags & 4)) return -1;\n"
          "  if (flags & 8) close(fd);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 3);
}

/* n * 2 <= 0 after a loop over it ran zero times, so n <= 0 and a loop
   over n cannot run; a test on n - 1 is one on n. */
static void test_derived_facts_reach_operand_good(void **state) {
  (void)state;
  analyze("int f(int n, const char *p) {\n"
          "  int size = n * 2;\n"
          "  int fd = -1;\n"
          "  for (int i = 0; i < size; i++) fd = -1;\n"
          "  if (n > 0) fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (size > 0) close(fd);\n"
          "  if (n - 1 >= 0) return 1;\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

/* A counter stepped from an unknown start still converges at the loop head. */
static void test_unknown_counter_converges_good(void **state) {
  (void)state;
  analyze("int f(int i, int n, const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  while (i < n) i = i + 1;\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

/* ---- Failed acquisitions own nothing -------------------------------------- */

static void test_failed_lt_zero_good(void **state) {
  analyze("int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_failed_eq_minus_one_goto_good(void **state) {
  analyze("int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd == -1) goto fail;\n"
          "  if (write(fd, p, 1) != 1) { close(fd); goto fail; }\n"
          "  close(fd);\n"
          "  return 0;\n"
          "fail:\n"
          "  return -1;\n"
          "}\n");
  expect_none();
}

static void test_failed_through_copy_and_negation_good(void **state) {
  analyze("int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  int s = fd;\n"
          "  if (!(s >= 0)) return -1;\n"
          "  FILE *fp = fopen(p, \"r\");\n"
          "  if (!fp) { close(fd); return -1; }\n"
          "  fclose(fp);\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_failed_test_later_good(void **state) {
  analyze("int f(const char *p, char *msg) {\n"
          "  int fd = open(p, 0);\n"
          "  printf(\"probing %s\", p);\n"
          "  int saved = fd;\n"
          "  if (fd == -1) {\n"
          "    printf(\"%d\", saved);\n"
          "    return -1;\n"
          "  }\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_failed_le_zero_bad(void **state) {
  /* fd 0 is a valid descriptor: the `fd <= 0` branch can own one. */
  analyze("long f(const char *p, char *buf) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd <= 0) return -1;\n"
          "  long n = read(fd, buf, 16);\n"
          "  close(fd);\n"
          "  return n;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 2);
  assert_true(has_point(f, 3));
  assert_true(has_step(f, "assuming fd <= 0"));
  expect_count(1);
}

static void test_failed_getaddrinfo_good(void **state) {
  analyze("int f(const char *host) {\n"
          "  struct addrinfo *res;\n"
          "  if (getaddrinfo(host, \"80\", NULL, &res) != 0) return -1;\n"
          "  int fam = res->ai_family;\n"
          "  freeaddrinfo(res);\n"
          "  return fam;\n"
          "}\n");
  expect_none();
}

static void test_failed_null_out_pointer_good(void **state) {
  /* A successful call may still hand back NULL: a NULL pointer owns nothing. */
  analyze("int f(const char *host) {\n"
          "  struct addrinfo *res = NULL;\n"
          "  int rc = getaddrinfo(host, \"80\", NULL, &res);\n"
          "  if (rc || !res) return -1;\n"
          "  freeaddrinfo(res);\n"
          "  return 0;\n"
          "}\n"
          "int g(const char *host) {\n"
          "  struct addrinfo *res;\n"
          "  if (getaddrinfo(host, \"80\", NULL, &res) != 0) return -1;\n"
          "  struct addrinfo *ai = res;\n"
          "  if (ai == NULL) return 0;\n"
          "  freeaddrinfo(ai);\n"
          "  return 1;\n"
          "}\n");
  expect_none();
}

static void test_invalid_value_owns_nothing(void **state) {
  /* pipe() succeeds on its return value; a descriptor then tested equal to
     -1 is not one any rule returns, so that path owns nothing through it. */
  analyze("void f(void) {\n"
          "  int p[2];\n"
          "  if (pipe(p) == -1) return;\n"
          "  if (p[1] != -1) close(p[1]);\n"
          "  close(p[0]);\n"
          "}\n");
  expect_none();
}

static void test_failed_getaddrinfo_bad(void **state) {
  analyze("int f(const char *host) {\n"
          "  struct addrinfo *res;\n"
          "  int rc = getaddrinfo(host, \"80\", NULL, &res);\n"
          "  if (rc) return -1;\n"
          "  if (res->ai_family != 2) return -2;\n"
          "  freeaddrinfo(res);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, "connlint-addrinfo-leak", 3);
  assert_true(has_point(f, 5));
  assert_false(has_point(f, 4));
  expect_count(1);
}

/* ---- Release on every path -------------------------------------------------- */

static void test_early_return_bad(void **state) {
  analyze("int f(const void *sa) {\n"
          "  int fd = socket(2, 1, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (connect(fd, sa, 16) < 0)\n"
          "    return -1;\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 2);
  assert_string_equal(f->message,
                      msg("socket acquired at line %d is not released on this path", 2));
  assert_int_equal(f->nleak_points, 1);
  assert_true(has_point(f, 5));
  assert_true(has_step(f, "socket acquired here"));
  assert_true(has_step(f, "assuming connect() fails"));
  assert_true(has_step(f, "taking the early return at line"));
  assert_string_equal(f->func, "f");
  assert_non_null(f->acq_text);
  assert_non_null(strstr(f->acq_text, "socket("));
  expect_count(1);
}

static void test_goto_cleanup_ladder_good(void **state) {
  analyze("int f(const char *p, const char *q) {\n"
          "  int rc = -1;\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) goto out;\n"
          "  FILE *fp = fopen(q, \"w\");\n"
          "  if (!fp) goto close_fd;\n"
          "  char *buf = malloc(64);\n"
          "  if (!buf) goto close_fp;\n"
          "  rc = 0;\n"
          "  free(buf);\n"
          "close_fp:\n"
          "  fclose(fp);\n"
          "close_fd:\n"
          "  close(fd);\n"
          "out:\n"
          "  return rc;\n"
          "}\n");
  expect_none();
}

static void test_goto_ladder_skips_one_bad(void **state) {
  analyze("int f(const char *p, const char *q) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) goto out;\n"
          "  FILE *fp = fopen(q, \"w\");\n"
          "  if (!fp) goto out;\n"
          "  fclose(fp);\n"
          "  close(fd);\n"
          "  return 0;\n"
          "out:\n"
          "  return -1;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 2);
  assert_true(has_step(f, "jumping to 'out'"));
  expect_count(1);
}

static void test_switch_case_bad(void **state) {
  analyze("int f(int mode, const char *p) {\n"
          "  FILE *fp = fopen(p, \"r\");\n"
          "  if (!fp) return -1;\n"
          "  switch (mode) {\n"
          "  case 1: fclose(fp); return 1;\n"
          "  case 2: return 2;\n"
          "  default: break;\n"
          "  }\n"
          "  fclose(fp);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FILE_LEAK, 2);
  assert_true(has_point(f, 6));
  assert_true(has_step(f, "taking case 2"));
  expect_count(1);
}

static void test_nested_loops_break_continue(void **state) {
  analyze("int f(char **files, int n) {\n"
          "  int found = 0;\n"
          "  for (int i = 0; i < n && !found; i++) {\n"
          "    FILE *fp = fopen(files[i], \"r\");\n"
          "    if (!fp) continue;\n"
          "    for (int j = 0; j < 4; j++) {\n"
          "      if (strlen(files[j]) == 3) { found = 1; break; }\n"
          "    }\n"
          "    if (found) break;\n"
          "    fclose(fp);\n"
          "  }\n"
          "  return found;\n"
          "}\n"
          "int g(char **files, int n) {\n"
          "  for (int i = 0; i < n; i++) {\n"
          "    FILE *fp = fopen(files[i], \"r\");\n"
          "    if (!fp) continue;\n"
          "    for (int j = 0; j < 4; j++) {\n"
          "      if (strlen(files[j]) == 3) break;\n"
          "      if (strlen(files[j]) == 4) continue;\n"
          "    }\n"
          "    fclose(fp);\n"
          "  }\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FILE_LEAK, 4);
  expect_count(1);
}

/* ---- Correlated branches -------------------------------------------------- */

static void test_correlated_flag_good(void **state) {
  analyze("int f(int in, const char *tee_path) {\n"
          "  int tee = -1;\n"
          "  if (tee_path) {\n"
          "    tee = open(tee_path, 1);\n"
          "    if (tee < 0) return -1;\n"
          "  }\n"
          "  char buf[64];\n"
          "  long n;\n"
          "  while ((n = read(in, buf, sizeof buf)) > 0)\n"
          "    if (tee_path && write(tee, buf, n) != n) break;\n"
          "  if (tee_path) close(tee);\n"
          "  return 0;\n"
          "}\n"
          "void g(const void *to) {\n"
          "  int fd = socket(2, 2, 0);\n"
          "  if (fd < 0) printf(\"no socket\");\n"
          "  if (fd >= 0) send(fd, \"x\", 1, 0);\n"
          "  if (fd >= 0) close(fd);\n"
          "}\n");
  expect_none();
}

static void test_correlated_different_flag_bad(void **state) {
  analyze("struct opts { int trace, debug; const char *path; };\n"
          "int f(const struct opts *o) {\n"
          "  FILE *t = NULL;\n"
          "  if (o->trace) {\n"
          "    t = fopen(o->path, \"a\");\n"
          "    if (!t) return -1;\n"
          "  }\n"
          "  if (o->debug && t) fclose(t);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FILE_LEAK, 5);
  expect_count(1);
}

static void test_correlated_compare_with_default_good(void **state) {
  analyze("extern FILE *stdout;\n"
          "int f(const char *path) {\n"
          "  FILE *out = stdout;\n"
          "  if (path) {\n"
          "    out = fopen(path, \"w\");\n"
          "    if (!out) return -1;\n"
          "  }\n"
          "  if (out != stdout) fclose(out);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

/* ---- Aliases ------------------------------------------------------------------ */

/* An unsigned count known to be nonzero runs the loop at least once, so
   `done` is set on every way out of it. */
static void test_unsigned_loop_runs_good(void **state) {
  analyze("int f(const char *p, size_t n, char *buf) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (!n) { close(fd); return 0; }\n"
          "  int done = 0;\n"
          "  for (size_t i = 0; i < n; i++) {\n"
          "    done = 1;\n"
          "    if (read(fd, buf, 1) < 0) break;\n"
          "  }\n"
          "  if (done) close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

/* The same with a signed count: a negative n skips the loop. */
static void test_signed_loop_skipped_bad(void **state) {
  analyze("int f(const char *p, long n, char *buf) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (!n) { close(fd); return 0; }\n"
          "  int done = 0;\n"
          "  for (long i = 0; i < n; i++) {\n"
          "    done = 1;\n"
          "    if (read(fd, buf, 1) < 0) break;\n"
          "  }\n"
          "  if (done) close(fd);\n"
          "  return 0;\n"
          "}\n");
  assert_true(has_point(find(FIND_LEAK, FD, 2), 11));
  expect_count(1);
}

/* A loop counting from a constant to a near constant is followed one
   iteration at a time, so fds[i] names fds[0], then fds[1]. */
static void test_counted_loop_closes_each_good(void **state) {
  analyze("int f(void) {\n"
          "  int fds[2];\n"
          "  if (pipe(fds) < 0) return -1;\n"
          "  for (int i = 0; i < 2; i++) close(fds[i]);\n"
          "  int p[2];\n"
          "  if (pipe(p) < 0) return -1;\n"
          "  for (int j = 1; j >= 0; j -= 1) close(p[j]);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_counted_loop_closes_first_only_bad(void **state) {
  analyze("int f(void) {\n"
          "  int fds[2];\n"
          "  if (pipe(fds) < 0) return -1;\n"
          "  for (int i = 0; i != 1; ++i) close(fds[i]);\n"
          "  return 0;\n"
          "}\n");
  assert_true(has_point(find(FIND_LEAK, FD, 3), 5));
  expect_count(1);
}

/* An unknown bound: i is unknown after one turn, fds[i] names no element,
   and the loop may not run at all. It terminates and stays a leak. */
static void test_counted_loop_unknown_bound_conservative(void **state) {
  analyze("int f(int n) {\n"
          "  int fds[2];\n"
          "  if (pipe(fds) < 0) return -1;\n"
          "  for (int i = 0; i < n; i++) close(fds[i]);\n"
          "  return 0;\n"
          "}\n");
  assert_true(has_point(find(FIND_LEAK, FD, 3), 5));
  expect_count(1);
  assert_int_equal(fl.notes.len, 0);
}

/* A count with no constant bound (n++ per byte read) becomes unknown at
   the loop head after one turn, as arithmetic on unknown values does, so
   the loop converges in a few states instead of counting on. */
static void test_counted_loop_unbounded_count_converges(void **state) {
  opts.max_states = 40;
  analyze("int f(char *buf) {\n"
          "  int fds[2];\n"
          "  if (pipe(fds) < 0) return -1;\n"
          "  int n = 0;\n"
          "  while (read(fds[0], buf, 1) > 0)\n"
          "    n++;\n"
          "  close(fds[0]);\n"
          "  close(fds[1]);\n"
          "  return n;\n"
          "}\n");
  expect_none();
  assert_int_equal(fl.notes.len, 0);
}

/* `(size_t)-1` is no negative number: after `n > 0` the test can hold. */
static void test_unsigned_compare_with_wrapped_constant_bad(void **state) {
  analyze("int f(const char *p, size_t n) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (n > 0 && n == (size_t)-1) return -1;\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  assert_true(has_point(find(FIND_LEAK, FD, 2), 4));
  expect_count(1);
}

/* `(size_t)-1 / 2` divides unsigned: the test is no `n >= 0` that always
   holds, and the open can be reached. */
static void test_unsigned_constant_division_bad(void **state) {
  analyze("int f(const char *p, size_t n) {\n"
          "  if (n >= (size_t)-1 / 2) return -1;\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (n == 3) return -1;\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  assert_true(has_point(find(FIND_LEAK, FD, 3), 5));
  expect_count(1);
}

/* A case label that wrapped is not a negative number either. */
static void test_unsigned_switch_wrapped_label_bad(void **state) {
  analyze("int f(const char *p, size_t n) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (n < 10) { close(fd); return 0; }\n"
          "  switch (n) {\n"
          "  case (size_t)-1: return -1;\n"
          "  default: break;\n"
          "  }\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  assert_true(has_point(find(FIND_LEAK, FD, 2), 6));
  expect_count(1);
}

/* `old->next` was read, so old is not NULL and neither is n->prev: the
   node is always linked in (redis' listInsertNode). */
static void test_deref_means_nonnull_good(void **state) {
  analyze("struct node { struct node *next, *prev; };\n"
          "int f(struct node *old) {\n"
          "  struct node *n = malloc(sizeof *n);\n"
          "  if (!n) return -1;\n"
          "  n->next = old->next;\n"
          "  n->prev = old;\n"
          "  if (n->prev != NULL) n->prev->next = n;\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

/* Only on the path that dereferenced: with after == 0, old may be NULL. */
static void test_deref_on_one_path_bad(void **state) {
  analyze("struct node { struct node *next, *prev; };\n"
          "int f(struct node *old, int after) {\n"
          "  struct node *n = malloc(sizeof *n);\n"
          "  if (!n) return -1;\n"
          "  if (after) n->next = old->next;\n"
          "  if (old) { old->next = n; return 0; }\n"
          "  return -2;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, "connlint-memory-leak", 3);
  assert_true(has_point(f, 7));
  assert_true(has_step(f, "assuming after == 0"));
  expect_count(1);
}

/* Taking `&old->next` reads nothing through old. */
static void test_address_of_field_is_no_deref_bad(void **state) {
  analyze("struct node { struct node *next, *prev; };\n"
          "int f(struct node *old) {\n"
          "  struct node *n = malloc(sizeof *n);\n"
          "  if (!n) return -1;\n"
          "  struct node **slot = &old->next;\n"
          "  if (old == NULL) return -2;\n"
          "  *slot = n;\n"
          "  return 0;\n"
          "}\n");
  assert_true(has_point(find(FIND_LEAK, "connlint-memory-leak", 3), 6));
  expect_count(1);
}

static void test_alias_copies_good(void **state) {
  analyze("struct conn { int fd; char *buf; };\n"
          "int f(const void *sa, const char *p) {\n"
          "  int fd = socket(2, 1, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  int s = fd;\n"
          "  connect(s, sa, 16);\n"
          "  close(s);\n"
          "  FILE *out = fopen(p, \"w\");\n"
          "  if (out == NULL) return -1;\n"
          "  FILE *cur = out;\n"
          "  fclose(cur);\n"
          "  struct conn c;\n"
          "  c.fd = socket(2, 1, 0);\n"
          "  if (c.fd < 0) return -1;\n"
          "  c.buf = malloc(16);\n"
          "  if (!c.buf) { close(c.fd); return -1; }\n"
          "  free(c.buf);\n"
          "  close(c.fd);\n"
          "  int pv[2];\n"
          "  if (pipe(pv) != 0) return -1;\n"
          "  close(pv[0]);\n"
          "  close(pv[1]);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_alias_struct_dropped_bad(void **state) {
  analyze("struct session { int fd; unsigned id; };\n"
          "int f(const void *sa) {\n"
          "  struct session s;\n"
          "  s.fd = socket(2, 1, 0);\n"
          "  if (s.fd < 0) return -1;\n"
          "  struct session copy = s;\n"
          "  if (connect(copy.fd, sa, 16) != 0) { close(copy.fd); return -1; }\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 4);
  assert_true(has_point(f, 8));
  expect_count(1);
}

/* ---- Escapes ------------------------------------------------------------------ */

static void test_escapes_good(void **state) {
  analyze("struct conn { int fd; struct conn *next; };\n"
          "int g_fd;\n"
          "int ret(void) { int fd = socket(2, 1, 0); if (fd < 0) return -1; return fd; }\n"
          "int glob(void) { int fd = socket(2, 1, 0); if (fd < 0) return -1; g_fd = fd; "
          "return 0; }\n"
          "int out(int *o) { int fd = socket(2, 1, 0); if (fd < 0) return -1; *o = fd; "
          "return 0; }\n"
          "int field(struct conn *c) { c->fd = socket(2, 1, 0); return c->fd < 0; }\n"
          "int list(struct conn **head) {\n"
          "  struct conn *c = malloc(sizeof *c);\n"
          "  if (!c) return -1;\n"
          "  c->fd = socket(2, 1, 0);\n"
          "  c->next = *head;\n"
          "  *head = c;\n"
          "  return 0;\n"
          "}\n"
          "int unknown(void) { int fd = socket(2, 1, 0); if (fd < 0) return -1; keep(fd); "
          "return 0; }\n"
          "int fnptr(void) { int fd = socket(2, 1, 0); if (fd < 0) return -1; hook(fd); "
          "return 0; }\n"
          "int outstruct(struct conn *o) {\n"
          "  struct conn c;\n"
          "  c.fd = socket(2, 1, 0);\n"
          "  if (c.fd < 0) return -1;\n"
          "  *o = c;\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_escape_through_derived_pointers(void **state) {
  /* An aligned copy of p (arithmetic inside arithmetic) and a pointer into
     p's object both carry p away when stored where others see them. */
  analyze("char *g_table; char **g_slot;\n"
          "struct pair { char *a; };\n"
          "int align(void) {\n"
          "  char *p = malloc(64);\n"
          "  if (!p) return -1;\n"
          "  p = (char *)(((unsigned long)p + 15) & ~15UL);\n"
          "  g_table = p;\n"
          "  return 0;\n"
          "}\n"
          "int interior(struct pair *out) {\n"
          "  char *buf = malloc(64);\n"
          "  if (!buf) return -1;\n"
          "  out->a = &buf[8];\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_borrowed_only_bad(void **state) {
  analyze("int f(const void *sa) {\n"
          "  int fd = socket(2, 1, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  send(fd, \"x\", 1, 0);\n"
          "  log_msg(\"fd %d\", fd);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 2);
  expect_count(1);
}

static void test_local_struct_field_bad(void **state) {
  analyze("struct req { char *method; char *path; };\n"
          "int f(const char *line) {\n"
          "  struct req r = {0};\n"
          "  r.method = strdup(line);\n"
          "  if (!r.method) return -1;\n"
          "  r.path = strdup(line);\n"
          "  if (!r.path) { free(r.method); return -1; }\n"
          "  int n = strlen(r.path);\n"
          "  free(r.method);\n"
          "  return n;\n"
          "}\n");
  find(FIND_LEAK, MEM, 6);
  expect_count(1);
}

static void test_store_into_object_escapes_good(void **state) {
  /* Stored into an object others can reach: through a pointer read from a
     parameter, an element of a parameter's array, a returned object built
     by a helper; the summaries say the helper keeps what it stores. */
  use_summaries = true;
  analyze("struct conn { int fd; char *buf; };\n"
          "struct pool { struct conn **list; struct conn *first; };\n"
          "struct obj { int type; void *ptr; };\n"
          "void put_first(struct pool *p, const char *path) {\n"
          "  int fd = open(path, 0);\n"
          "  if (fd < 0) return;\n"
          "  struct conn *c = p->first;\n"
          "  c->fd = fd;\n"
          "}\n"
          "void put_at(struct pool *p, int i) {\n"
          "  char *b = malloc(16);\n"
          "  if (!b) return;\n"
          "  p->list[i]->buf = b;\n"
          "}\n"
          "struct obj *obj_new(int type, void *ptr) {\n"
          "  struct obj *o = malloc(sizeof *o);\n"
          "  if (!o) abort();\n"
          "  o->type = type;\n"
          "  o->ptr = ptr;\n"
          "  return o;\n"
          "}\n"
          "struct obj *obj_buffer(void) {\n"
          "  char *b = malloc(64);\n"
          "  if (!b) abort();\n"
          "  return obj_new(1, b);\n"
          "}\n");
  expect_none();
}

static void test_store_into_local_through_pointer_bad(void **state) {
  /* A pointer to this function's own struct: the field stays ours. */
  analyze("struct conn { int fd; char *buf; };\n"
          "int f(const char *path) {\n"
          "  struct conn c;\n"
          "  struct conn *p = &c;\n"
          "  p->fd = open(path, 0);\n"
          "  if (p->fd < 0) return -1;\n"
          "  return read(c.fd, path, 1) > 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 5);
  assert_true(has_point(f, 7));
  expect_count(1);
}

static void test_array_parameter_out_good(void **state) {
  /* `int fds[2]` as a parameter is the caller's array. */
  analyze("int make_pipe(int fds[2]) {\n"
          "  if (pipe(fds)) return -1;\n"
          "  return 0;\n"
          "}\n"
          "void fill(int fds[], int n) {\n"
          "  for (int i = 0; i < n; i++) fds[i] = open(\"/dev/null\", 0);\n"
          "  fds[0] = open(\"/dev/zero\", 0);\n"
          "}\n");
  expect_none();
}

static void test_local_array_out_bad(void **state) {
  analyze("int f(void) {\n"
          "  int fds[2];\n"
          "  if (pipe(fds)) return -1;\n"
          "  close(fds[0]);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 3);
  assert_true(has_point(f, 5));
  expect_count(1);
}

static void test_reacquire_in_loop_one_finding(void **state) {
  /* Acquired again at the same line while the previous turn's descriptors
     are still open, and leaked on the way out: one finding for the site,
     the leak, not also a lost reference at that very line. */
  analyze("int f(int n, char *buf) {\n"
          "  int fd[2];\n"
          "  for (int i = 0; i < n; i++) {\n"
          "    if (pipe(fd)) return -1;\n"
          "    write(fd[1], buf, 1);\n"
          "  }\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 4);
  assert_true(has_point(f, 7));
  expect_count(1);
}

static void test_standard_stream_good(void **state) {
  analyze("int f(char *buf) {\n"
          "  int fd = open(\"/dev/tty\", 0);\n"
          "  if (-1 == fd) fd = 0;\n"
          "  long n = read(fd, buf, 64);\n"
          "  if (0 != fd) close(fd);\n"
          "  return n > 0;\n"
          "}\n"
          "int g(const char *path) {\n"
          "  int fd = path ? open(path, 0) : 1;\n"
          "  if (fd < 0) return -1;\n"
          "  write(fd, path, 1);\n"
          "  if (fd == 1) return 0;\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_standard_stream_other_side_bad(void **state) {
  /* The test against 0 only excuses the side where fd is 0. */
  analyze("int f(char *buf) {\n"
          "  int fd = open(\"/dev/tty\", 0);\n"
          "  if (fd == -1) fd = 0;\n"
          "  if (read(fd, buf, 1) != 1) return -1;\n"
          "  if (fd != 0) close(fd);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 2);
  assert_true(has_point(f, 4));
  expect_count(1);
}

static void test_stored_in_escaping_object_good(void **state) {
  /* Kept inside a handle that is stored away, or copied byte for byte into
     memory the caller passed: the value leaves with it. */
  analyze("struct job { H *h; };\n"
          "int start(struct job *j, const char *path) {\n"
          "  H *h = handle_new();\n"
          "  if (!h) return -1;\n"
          "  FILE *fp = fopen(path, \"w\");\n"
          "  if (!fp) { handle_free(h); return -1; }\n"
          "  handle_set(h, 1, fp);\n"
          "  j->h = h;\n"
          "  return 0;\n"
          "}\n"
          "int on_param(H *h, const char *path) {\n"
          "  FILE *fp = fopen(path, \"w\");\n"
          "  if (!fp) return -1;\n"
          "  handle_set(h, 2, fp);\n"
          "  return 0;\n"
          "}\n"
          "void put(void **slot, size_t n) {\n"
          "  char *p = malloc(n);\n"
          "  if (!p) return;\n"
          "  copy_bytes(slot, &p, sizeof p);\n"
          "}\n");
  expect_none();
}

static void test_stored_in_own_object_bad(void **state) {
  /* The handle is this function's and is freed: what it kept is still ours
     to close. An option the rule does not list only borrows. */
  analyze("int fetch(const char *path) {\n"
          "  H *h = handle_new();\n"
          "  if (!h) return -1;\n"
          "  FILE *fp = fopen(path, \"w\");\n"
          "  if (!fp) { handle_free(h); return -1; }\n"
          "  handle_set(h, 1, fp);\n"
          "  handle_free(h);\n"
          "  return 0;\n"
          "}\n"
          "int on_param(H *h, const char *path) {\n"
          "  char *copy = strdup(path);\n"
          "  if (!copy) return -1;\n"
          "  handle_set(h, 3, copy);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FILE_LEAK, 4);
  find(FIND_LEAK, MEM, 11);
  expect_count(2);
}

/* ---- Overwrites ------------------------------------------------------------------ */

static void test_overwrite_in_loop_bad(void **state) {
  analyze("long f(const char *base, int n) {\n"
          "  int fd = -1;\n"
          "  for (int i = 0; i < n; i++) {\n"
          "    fd = open(base, i);\n"
          "    if (fd < 0) continue;\n"
          "  }\n"
          "  if (fd >= 0) close(fd);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LOST_REFERENCE, "connlint-lost-reference", 4);
  assert_int_equal(f->cwe, 773);
  assert_string_equal(f->message, msg("fd still holds the file descriptor acquired at line %d; "
                                      "overwriting it loses the last reference",
                                      4));
  assert_true(has_step(f, "fd is overwritten here"));
  expect_count(1);
}

static void test_overwrite_alias_still_holds_good(void **state) {
  analyze("int f(const char *p) {\n"
          "  int fd = dup(2);\n"
          "  if (fd < 0) return -1;\n"
          "  int prev = fd;\n"
          "  fd = open(p, 1);\n"
          "  if (fd < 0) { close(prev); return -1; }\n"
          "  close(fd);\n"
          "  close(prev);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_declared_in_loop_is_a_leak(void **state) {
  /* A new `fp` each turn: the old stream leaks at the end of its scope. */
  analyze("int f(char **paths, int n) {\n"
          "  for (int i = 0; i < n; i++) {\n"
          "    FILE *fp = fopen(paths[i], \"r\");\n"
          "    if (!fp) continue;\n"
          "    if (strlen(paths[i]) > 3) continue;\n"
          "    fclose(fp);\n"
          "  }\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FILE_LEAK, 3);
  expect_count(1);
}

static void test_unknown_element_is_lost_track(void **state) {
  /* &fds[i] with i unknown names one of many elements: what is acquired
     there is not tracked (neither an overwrite nor a leak). */
  analyze("int f(int k, int n) {\n"
          "  struct addrinfo *res[4];\n"
          "  for (int i = k; i < n; i++)\n"
          "    if (getaddrinfo(\"h\", \"80\", NULL, &res[i]) != 0) return -1;\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_loop_local_out_parameter_is_a_leak(void **state) {
  /* `res` is declared in the body: each turn has its own, so the second
     getaddrinfo() is not an overwrite; the first list went out of scope. */
  analyze("int f(char **hosts, int n) {\n"
          "  for (int i = 0; i < n; i++) {\n"
          "    struct addrinfo *res;\n"
          "    if (getaddrinfo(hosts[i], \"80\", NULL, &res) != 0)\n"
          "      continue;\n"
          "    if (res->ai_family != 2) continue;\n"
          "    freeaddrinfo(res);\n"
          "  }\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, "connlint-addrinfo-leak", 4);
  expect_count(1);
}

static void test_endless_loop_scope_end(void **state) {
  /* A server loop never returns: the leak shows when the loop declares its
     socket again, the end of the previous one's scope. */
  analyze("void serve(int lfd) {\n"
          "  for (;;) {\n"
          "    int fd = accept(lfd, NULL, NULL);\n"
          "    if (fd < 0) continue;\n"
          "    if (send(fd, \"hi\", 2, 0) != 2) continue;\n"
          "    close(fd);\n"
          "  }\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 3);
  assert_true(has_point(f, 3));
  assert_true(has_step(f, "out of scope when the loop comes back here"));
  expect_count(1);
}

static void test_realloc_loses_pointer(void **state) {
  analyze("int f(int n) {\n"
          "  char *p = malloc(16);\n"
          "  if (!p) return -1;\n"
          "  p = realloc(p, n);\n"
          "  if (!p) return -1;\n"
          "  free(p);\n"
          "  return 0;\n"
          "}\n"
          "int g(int n) {\n"
          "  char *p = malloc(16);\n"
          "  if (!p) return -1;\n"
          "  char *q = realloc(p, n);\n"
          "  if (!q) { free(p); return -1; }\n"
          "  free(q);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LOST_REFERENCE, "connlint-lost-reference", 4);
  expect_count(1);
}

/* ---- Transfers ------------------------------------------------------------------ */

static void test_fdopen_transfer(void **state) {
  analyze("int good(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  FILE *fp = fdopen(fd, \"r\");\n"
          "  if (!fp) { close(fd); return -1; }\n"
          "  fclose(fp);\n"
          "  return 0;\n"
          "}\n"
          "int bad(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  FILE *fp = fdopen(fd, \"r\");\n"
          "  if (!fp) return -1;\n"
          "  fclose(fp);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 10);
  assert_true(has_point(f, 13));
  expect_count(1);
}

/* ---- Ignored results, mismatches, double releases -------------------------------- */

static void test_ignored_result(void **state) {
  analyze("void f(void) {\n"
          "  socket(2, 1, 0);\n"
          "}\n");
  const Finding *f = find(FIND_IGNORED_RESULT, "connlint-ignored-result", 2);
  assert_string_equal(f->message,
                      "result of socket() is ignored; the socket it returns is never released");
  expect_count(1);
}

static void test_mismatch(void **state) {
  analyze("int f(const void *sa) {\n"
          "  int fd = socket(2, 1, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  FILE *fp = (FILE *)0;\n"
          "  fclose((FILE *)fd);\n"
          "  FILE *pp = popen(\"ls\", \"r\");\n"
          "  if (!pp) return -1;\n"
          "  fclose(pp);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_MISMATCH, "connlint-mismatched-release", 5);
  assert_int_equal(f->cwe, 404);
  assert_non_null(strstr(f->message, "fclose() releases a stdio stream, but"));
  assert_non_null(strstr(f->message, msg("holds a socket acquired at line %d", 2)));
  find(FIND_MISMATCH, "connlint-mismatched-release", 8);
  expect_count(2);
}

static void test_double_release(void **state) {
  analyze("int f(int sock, const char *p) {\n"
          "  int rc = -1;\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  if (write(sock, p, 1) != 1) {\n"
          "    close(fd);\n"
          "    goto out;\n"
          "  }\n"
          "  rc = 0;\n"
          "out:\n"
          "  close(fd);\n"
          "  return rc;\n"
          "}\n");
  const Finding *f = find(FIND_DOUBLE_RELEASE, "connlint-double-release", 11);
  assert_int_equal(f->cwe, 1341);
  char want[256];
  snprintf(want, sizeof want,
           "file descriptor acquired at line %d is released twice (first at line %d)",
           decl_lines() + 3, decl_lines() + 6);
  assert_string_equal(f->message, want);
  expect_count(1);
}

/* ---- Never-returning calls ---------------------------------------------------------- */

static const char *NORETURN_CODE = "int f(const char *p) {\n"
                                   "  FILE *fp = fopen(p, \"r\");\n"
                                   "  if (!fp) exit(1);\n"
                                   "  if (strlen(p) > 8) exit(2);\n"
                                   "  fclose(fp);\n"
                                   "  return 0;\n"
                                   "}\n";

static void test_noreturn_ends_path(void **state) {
  analyze(NORETURN_CODE);
  expect_none();
}

static const char *MAIN_CODE = "int main(int argc, char **argv) {\n"
                               "  FILE *fp = fopen(argv[1], \"r\");\n"
                               "  if (!fp) return 1;\n"
                               "  if (argc > 2) return 2;\n"
                               "  fclose(fp);\n"
                               "  return 0;\n"
                               "}\n";

static void test_return_from_main_is_exit(void **state) {
  analyze(MAIN_CODE);
  expect_none();
}

static void test_return_from_main_reported_on_request(void **state) {
  opts.report_exit_paths = true;
  analyze(MAIN_CODE);
  const Finding *f = find(FIND_LEAK, FILE_LEAK, 2);
  assert_true(has_point(f, 4));
  expect_count(1);
}

static void test_noreturn_option_reports(void **state) {
  opts.report_exit_paths = true;
  analyze(NORETURN_CODE);
  const Finding *f = find(FIND_LEAK, FILE_LEAK, 2);
  assert_true(has_point(f, 4));
  assert_true(has_step(f, "exit() does not return"));
  expect_count(1);
}

/* ---- Locks ---------------------------------------------------------------------- */

static void test_lock_held_on_early_return(void **state) {
  analyze("struct q { pthread_mutex_t mu; int n; };\n"
          "int push(struct q *q, int v) {\n"
          "  pthread_mutex_lock(&q->mu);\n"
          "  if (q->n >= 8) return -1;\n"
          "  q->n++;\n"
          "  pthread_mutex_unlock(&q->mu);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LOCK_HELD, LOCK, 3);
  assert_true(has_point(f, 4));
  char want[256];
  snprintf(want, sizeof want,
           "mutex locked at line %d is still held when the function returns at line %d",
           decl_lines() + 3, decl_lines() + 4);
  assert_string_equal(f->message, want);
  expect_count(1);
}

static void test_lock_good_variants(void **state) {
  analyze("struct acct { pthread_mutex_t mu; long bal; };\n"
          "pthread_mutex_t g;\n"
          "int transfer(struct acct *a, struct acct *b, long v) {\n"
          "  struct acct *first = a < b ? a : b;\n"
          "  struct acct *second = a < b ? b : a;\n"
          "  pthread_mutex_lock(&first->mu);\n"
          "  pthread_mutex_lock(&second->mu);\n"
          "  a->bal -= v;\n"
          "  pthread_mutex_unlock(&second->mu);\n"
          "  pthread_mutex_unlock(&first->mu);\n"
          "  return 0;\n"
          "}\n"
          "int try(void) {\n"
          "  if (pthread_mutex_trylock(&g) != 0) return -1;\n"
          "  pthread_mutex_unlock(&g);\n"
          "  return 0;\n"
          "}\n"
          "void lock_all(void) { pthread_mutex_lock(&g); }\n");
  expect_none();
}

/* A lock reached through one, two or three pointers (`&c->thr->stats.mu`),
   with and without an early return before the lock and a branch inside
   the locked section: the unlock names the same cell as the lock, since
   the reads of c->thr between them must see the same object. The bad
   variant returns from inside the section. */
static void test_lock_through_pointer_chain(void **state) {
  static const char *paths[] = {"c->st.mu", "c->thr->st.mu", "c->thr->grp->st.mu"};
  static const char *counters[] = {"c->st.n", "c->thr->st.n", "c->thr->grp->st.n"};
  for (int hops = 0; hops < 3; hops++)
    for (int variant = 0; variant < 6; variant++) {
      /* variants 4, 5: good, with no branch inside the section */
      bool early = variant & 1, bad = variant == 2 || variant == 3, branch = variant < 4;
      char code[2048];
      snprintf(code, sizeof code,
               "struct st { pthread_mutex_t mu; long n; };\n"
               "struct grp { struct st st; };\n"
               "struct thr { struct st st; struct grp *grp; };\n"
               "struct conn { struct st st; struct thr *thr; int fd; };\n"
               "int f(struct conn *c, int hit) {\n"
               "  %s\n"
               "  pthread_mutex_lock(&%s);\n"
               "  %s++;\n"
               "  %s%s\n"
               "  pthread_mutex_unlock(&%s);\n"
               "  return 0;\n"
               "}\n",
               early ? "if (c->fd < 0) return -1;" : "", paths[hops], counters[hops],
               branch ? "if (hit) " : "", bad ? "return -1;" : "{ log_msg(\"hit\"); }",
               paths[hops]);
      reset(state);
      analyze(code);
      if (bad) {
        const Finding *f = find(FIND_LOCK_HELD, LOCK, 7);
        assert_true(has_point(f, 9));
        assert_false(has_point(f, 11));
        expect_count(1);
      } else if (fl.findings.len) {
        fprintf(stderr, "%d hops, early return %d, branch %d:\n%s", hops + 1, early, branch, code);
        expect_none();
      }
    }
}

/* Lock protocols: a function returning holding a lock on the returns a
   test of its value picks out acquires for its caller. conn_lock() locks
   only when it returns 0, it_begin() unlocks again on its error return:
   neither body is a finding, and callers must unlock. */
static void test_lock_protocol_by_return_value(void **state) {
  use_summaries = true;
  analyze("struct conn { pthread_mutex_t mu; int open, n; };\n"
          "int conn_lock(struct conn *c) {\n"
          "  if (!c->open) return -1;\n"
          "  pthread_mutex_lock(&c->mu);\n"
          "  return 0;\n"
          "}\n"
          "int it_begin(struct conn *c) {\n"
          "  pthread_mutex_lock(&c->mu);\n"
          "  if (c->n == 0) { pthread_mutex_unlock(&c->mu); return -1; }\n"
          "  return 0;\n"
          "}\n"
          "int good(struct conn *c) {\n"
          "  if (conn_lock(c) != 0) return -1;\n"
          "  c->n++;\n"
          "  pthread_mutex_unlock(&c->mu);\n"
          "  return 0;\n"
          "}\n"
          "int bad(struct conn *c) {\n"
          "  if (it_begin(c) != 0) return -1;\n"
          "  if (c->n > 8) return -1;\n"
          "  pthread_mutex_unlock(&c->mu);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LOCK_HELD, LOCK, 19);
  assert_true(has_point(f, 20));
  expect_count(1);
}

/* The caller also knows what it passed: a void function that locks for
   one mode argument and unlocks for another is a protocol. The same
   function deciding on a global instead is not. */
static void test_lock_protocol_by_argument(void **state) {
  analyze("pthread_mutex_t hang;\n"
          "int busy;\n"
          "void pause_all(int mode) {\n"
          "  if (mode == 1) { pthread_mutex_lock(&hang); return; }\n"
          "  if (mode == 2) pthread_mutex_unlock(&hang);\n"
          "}\n"
          "void pause_busy(int mode) {\n"
          "  if (busy) { pthread_mutex_lock(&hang); return; }\n"
          "  if (mode == 2) pthread_mutex_unlock(&hang);\n"
          "}\n");
  find(FIND_LOCK_HELD, LOCK, 8);
  expect_count(1);
}

/* Returns that disagree: held on some and not on others the caller cannot
   tell apart (a void function; a count that may be anything), or held on
   an error return. Each is a finding. A lock held at every return but on
   a local mutex is one too: no caller can release it. */
static void test_lock_inconsistent_returns(void **state) {
  analyze("struct q { pthread_mutex_t mu; int n, stop; };\n"
          "void drain(struct q *q) {\n"
          "  pthread_mutex_lock(&q->mu);\n"
          "  if (q->stop) return;\n"
          "  q->n = 0;\n"
          "  pthread_mutex_unlock(&q->mu);\n"
          "}\n"
          "int take(struct q *q, int *items) {\n"
          "  pthread_mutex_lock(&q->mu);\n"
          "  if (q->n > 0) return items[--q->n];\n"
          "  pthread_mutex_unlock(&q->mu);\n"
          "  return -1;\n"
          "}\n"
          "struct q *get(struct q *q) {\n"
          "  pthread_mutex_lock(&q->mu);\n"
          "  if (q->stop) return NULL;\n"
          "  pthread_mutex_unlock(&q->mu);\n"
          "  return q;\n"
          "}\n"
          "int local(void) {\n"
          "  struct q q;\n"
          "  pthread_mutex_lock(&q.mu);\n"
          "  return q.n;\n"
          "}\n");
  /* The message names a return that lets go, when one is like the one
     shown; an error return holding the lock needs no comparison. */
  assert_non_null(
      strstr(find(FIND_LOCK_HELD, LOCK, 3)->message, msg("but not when it returns at line %d", 7)));
  assert_non_null(strstr(find(FIND_LOCK_HELD, LOCK, 9)->message,
                         msg("but not when it returns at line %d", 12)));
  assert_null(strstr(find(FIND_LOCK_HELD, LOCK, 15)->message, "but not"));
  find(FIND_LOCK_HELD, LOCK, 22);
  expect_count(4);
}

/* Entered with the lock held (`called with q->mu held`): unlocking,
   waiting and locking again hands the lock back as it came, on every
   return, the error ones included. Its callers still see the lock held. */
static void test_lock_entered_held(void **state) {
  use_summaries = true;
  analyze("struct q { pthread_mutex_t mu; int n; };\n"
          "int broken(struct q *q);\n"
          "int wait_item(struct q *q) {\n"
          "  while (q->n == 0) {\n"
          "    pthread_mutex_unlock(&q->mu);\n"
          "    log_msg(\"waiting\");\n"
          "    pthread_mutex_lock(&q->mu);\n"
          "    if (broken(q)) return -1;\n"
          "  }\n"
          "  return 0;\n"
          "}\n"
          "int pop(struct q *q) {\n"
          "  pthread_mutex_lock(&q->mu);\n"
          "  if (wait_item(q) != 0) return -1;\n"
          "  q->n--;\n"
          "  pthread_mutex_unlock(&q->mu);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LOCK_HELD, LOCK, 14);
  assert_true(has_point(f, 14));
  expect_count(1);
}

/* ---- Output a reader can follow ------------------------------------------------- */

/* The exit the path shows comes first among the leak points, and "also
   leaks at" lists each other exit once, in line order. */
static void test_leak_points_start_with_shown_exit(void **state) {
  analyze("int f(const char *p, int a, int b, int c) {\n"
          "  FILE *fp = fopen(p, \"r\");\n"
          "  if (!fp) return -1;\n"
          "  if (a) return 1;\n"
          "  if (b) return 2;\n"
          "  if (c) return 3;\n"
          "  fclose(fp);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FILE_LEAK, 2);
  assert_int_equal(f->nleak_points, 3);
  assert_int_equal(f->steps[f->nsteps - 1].loc.line, f->leak_points[0].line);
  assert_int_equal(f->leak_points[0].line - decl_lines(), 4);
  assert_int_equal(f->leak_points[1].line - decl_lines(), 5);
  assert_int_equal(f->leak_points[2].line - decl_lines(), 6);
}

/* A path that goes round a loop shows each branch once: no note repeats
   the line and words of an earlier one. */
static void test_path_notes_do_not_repeat(void **state) {
  analyze("int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  int ok = 0;\n"
          "  for (int i = 0; i < 3; i++) {\n"
          "    if (i == 2) return -2;\n"
          "    if (write(fd, p, 1) == 1) { ok = 1; break; }\n"
          "  }\n"
          "  close(fd);\n"
          "  return ok;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 2);
  for (int i = 0; i < f->nsteps; i++)
    for (int j = i + 1; j < f->nsteps; j++)
      if (f->steps[i].loc.line == f->steps[j].loc.line &&
          strcmp(f->steps[i].msg, f->steps[j].msg) == 0) {
        dump();
        fail_msg("note at line %d repeats", f->steps[j].loc.line - decl_lines());
      }
}

/* Constants in notes are numbers: a floating constant, an unsigned
   comparison with -1 (SIZE_MAX), and never a placeholder for what the
   front end could not express. */
static void test_path_notes_print_constants(void **state) {
  analyze("int f(const char *p, double d, size_t n, int k) {\n"
          "  FILE *fp = fopen(p, \"r\");\n"
          "  if (!fp) return -1;\n"
          "  if (d > 1.5) return 1;\n"
          "  fclose(fp);\n"
          "  return 0;\n"
          "}\n"
          "int g(const char *p, size_t n) {\n"
          "  FILE *fp = fopen(p, \"r\");\n"
          "  if (!fp) return -1;\n"
          "  if (n == (size_t)-1) return 1;\n"
          "  fclose(fp);\n"
          "  return 0;\n"
          "}\n"
          "int h(const char *p, int k) {\n"
          "  FILE *fp = fopen(p, \"r\");\n"
          "  if (!fp) return -1;\n"
          "  if (k == _Generic(k, int: 3, default: 4)) return 1;\n"
          "  fclose(fp);\n"
          "  return 0;\n"
          "}\n");
  assert_true(has_step(find(FIND_LEAK, FILE_LEAK, 2), "assuming d > 1.5"));
  assert_true(has_step(find(FIND_LEAK, FILE_LEAK, 9), "assuming n == 18446744073709551615"));
  const Finding *f = find(FIND_LEAK, FILE_LEAK, 16);
  for (int i = 0; i < f->nsteps; i++)
    assert_null(strstr(f->steps[i].msg, "<?"));
  assert_true(has_step(f, "assuming the condition is true"));
}

/* ---- Threads that need no join -------------------------------------------------- */

#define THREAD "connlint-thread-leak"

/* Created from an attribute whose detach state is PTHREAD_CREATE_DETACHED
   (1): nothing to join. The same attribute left joinable, or set from a
   value we cannot tell, still needs a join. */
static void test_thread_detached_attribute(void **state) {
  analyze("void *work(void *arg) { return arg; }\n"
          "int detached(void) {\n"
          "  pthread_attr_t a; pthread_t t;\n"
          "  pthread_attr_init(&a);\n"
          "  pthread_attr_setdetachstate(&a, 1);\n"
          "  if (pthread_create(&t, &a, work, NULL) != 0) return -1;\n"
          "  return 0;\n"
          "}\n"
          "int joinable(int how) {\n"
          "  pthread_attr_t a; pthread_t t;\n"
          "  pthread_attr_init(&a);\n"
          "  pthread_attr_setdetachstate(&a, how);\n"
          "  if (pthread_create(&t, &a, work, NULL) != 0) return -1;\n"
          "  return 0;\n"
          "}\n"
          "int plain(void) {\n"
          "  pthread_t t;\n"
          "  if (pthread_create(&t, NULL, work, NULL) != 0) return -1;\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, THREAD, 13);
  find(FIND_LEAK, THREAD, 18);
  expect_count(2);
}

/* A start routine that never returns, or that detaches itself, owns the
   thread's end: its creator need not join. One that returns without
   detaching does not. The summaries say which is which. */
static void test_thread_start_routine(void **state) {
  use_summaries = true;
  analyze("void serve(int fd);\n"
          "void *loop(void *arg) { for (;;) serve(*(int *)arg); }\n"
          "void *self(void *arg) { pthread_detach(pthread_self()); free(arg); return NULL; }\n"
          "void *plain(void *arg) { return arg; }\n"
          "int a(int *fd) { pthread_t t; return pthread_create(&t, NULL, loop, fd); }\n"
          "int b(void *m) { pthread_t t; return pthread_create(&t, NULL, self, m) ? -1 : 0; }\n"
          "int c(void *m) { pthread_t t; return pthread_create(&t, NULL, plain, m) ? -1 : 0; }\n");
  find(FIND_LEAK, THREAD, 7);
  expect_count(1);
}

/* The self-detaching start routine's summary survives the text form. */
static void test_thread_release_own_round_trip(void **state) {
  add_unit("t.c", "void *self(void *arg) { pthread_detach(pthread_self()); return arg; }\n");
  SummaryTable *st = summary_table_new();
  summary_compute(st, units, nunits, rs, &opts);
  Arena a;
  arena_init(&a);
  Buf first = {0}, second = {0};
  summary_write(st, &first, &a);
  const char *text = buf_str(&a, &first);
  assert_non_null(strstr(text, "release-own thread\n"));
  SummaryTable *back = summary_table_new();
  char err[128];
  assert_int_equal(summary_read(back, rs, text, err, sizeof err), 0);
  summary_write(back, &second, &a);
  assert_string_equal(buf_str(&a, &second), text);
  summary_table_delete(back);
  summary_table_delete(st);
  arena_free(&a);
}

/* ---- Cleanup attributes ------------------------------------------------------------- */

static void test_cleanup_attribute(void **state) {
  analyze("void closep(int *fd);\n"
          "void freep(void *p) { free(*(void **)p); }\n"
          "int f(const char *p) {\n"
          "  __attribute__((cleanup(closep))) int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  __attribute__((cleanup(freep))) char *buf = malloc(16);\n"
          "  if (!buf) return -1;\n"
          "  if (read(fd, buf, 16) < 0) return -1;\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_switch_on_unwritten_element_ends_the_path(void **state) {
  /* fd[1] is never written: switching on it is undefined behaviour, so no
     run takes the early return that would leak fd[0]. */
  analyze("int f(void) {\n"
          "  int fd[2];\n"
          "  fd[0] = open(\"x\", 0);\n"
          "  if (fd[0] < 0) return -1;\n"
          "  switch (fd[1]) {\n"
          "  case 0: return 0;\n"
          "  default: break;\n"
          "  }\n"
          "  close(fd[0]);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_switch_on_written_element_is_a_value(void **state) {
  analyze("int f(int k) {\n"
          "  int fd[2];\n"
          "  fd[0] = open(\"x\", 0);\n"
          "  if (fd[0] < 0) return -1;\n"
          "  fd[1] = k;\n"
          "  switch (fd[1]) {\n"
          "  case 0: return 0;\n"
          "  default: break;\n"
          "  }\n"
          "  close(fd[0]);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 3);
  expect_count(1);
}

/* ---- Termination and budget ------------------------------------------------------------ */

static void test_many_branches_terminate(void **state) {
  /* 2^20 paths through independent branches: converges by merging. */
  char code[4096] = "int f(int *v) {\n  int fd = open(\"x\", 0);\n  if (fd < 0) return -1;\n";
  for (int i = 0; i < 20; i++)
    snprintf(code + strlen(code), sizeof code - strlen(code), "  if (v[%d]) v[%d] = %d;\n", i,
             i + 20, i);
  strcat(code, "  close(fd);\n  return 0;\n}\n");
  analyze(code);
  expect_none();
}

static void test_loop_whose_turns_hold_different_resources_converges(void **state) {
  /* Each turn links a node whose name is a heap copy or a literal, so the
     loop head's states differ in what they hold and none can be joined as
     they are: past the cap they are joined forgetting what one side lacks,
     rather than dropped with a note. Every node and name is published. */
  analyze("struct name { struct name *next; char *name; };\n"
          "struct name *all_names;\n"
          "void add_names(char **args, int n) {\n"
          "  struct name head = {0}, *tail = &head;\n"
          "  for (int i = 0; i < n; i++) {\n"
          "    char *s = args[i][0] ? strdup(args[i]) : \"\";\n"
          "    if (!s) abort();\n"
          "    tail->next = malloc(sizeof *tail->next);\n"
          "    if (!tail->next) abort();\n"
          "    tail = tail->next;\n"
          "    tail->next = 0;\n"
          "    tail->name = s;\n"
          "  }\n"
          "  tail->next = all_names;\n"
          "  all_names = head.next;\n"
          "}\n");
  assert_int_equal(fl.notes.len, 0);
  expect_none();
}

static void test_loop_turn_leak_of_a_helper_result_names_the_scope(void **state) {
  /* The point is where the loop comes back, not a return. */
  analyze_after("static char *dup_name(const char *s) { return strdup(s); }\n",
                "int count(char **names, int n) {\n"
                "  int k = 0;\n"
                "  for (int i = 0; i < n; i++) {\n"
                "    char *c = dup_name(names[i]);\n"
                "    if (c && *c) k++;\n"
                "  }\n"
                "  return k;\n"
                "}\n");
  const Finding *f = find(FIND_LEAK, "connlint-memory-leak", 5);
  assert_non_null(strstr(f->message, "is not released before c goes out of scope at the end of "
                                     "its loop turn"));
  assert_null(strstr(f->message, "returns at"));
}

static void test_summary_write_through_pointer_is_seen(void **state) {
  /* reset() writes *pp: the caller's p is no longer the buffer it knew
     was not NULL, so the early return is possible and leaks buf. */
  analyze_after("static void reset(char **pp) {\n"
                "  *pp = 0;\n"
                "}\n",
                "int f(const char *x) {\n"
                "  char *buf = strdup(x);\n"
                "  if (!buf) return -1;\n"
                "  char *p = buf;\n"
                "  reset(&p);\n"
                "  if (!p) return 0;\n"
                "  free(buf);\n"
                "  return 1;\n"
                "}\n");
  find(FIND_LEAK, "connlint-memory-leak", 5);
  expect_count(1);
}

static void test_summary_out_param_set_when_result_acquired(void **state) {
  /* next() leaves *arg NULL only when it returns NULL, so the caller's
     test of arg tells whether it owns the result. */
  analyze_after("char *field(char *s);\n"
                "static char *next(char **arg) {\n"
                "  char *id = malloc(8);\n"
                "  *arg = field(*arg);\n"
                "  if (!*arg) { free(id); return 0; }\n"
                "  return id;\n"
                "}\n",
                "int use(char **out, char *arg) {\n"
                "  char *id = next(&arg);\n"
                "  if (!arg) return 0;\n"
                "  *out = id;\n"
                "  return 1;\n"
                "}\n");
  expect_none();
}

static void test_budget_note(void **state) {
  opts.max_states = 5;
  analyze(
      "int f(int n) {\n"
      "  int fd = open(\"x\", 0);\n"
      "  for (int i = 0; i < n; i++) if (i & 1) write(fd, \"a\", 1); else write(fd, \"b\", 1);\n"
      "  if (fd >= 0) close(fd);\n"
      "  return 0;\n"
      "}\n");
  assert_int_equal(fl.notes.len, 1);
  const Note *n = fl.notes.data[0];
  assert_non_null(strstr(n->msg, "analysis of f() stopped after"));
}

/* A command-line tool's option parser (curl's getparameter() has 250
   options): each option replaces one string of the caller's settings, and
   every one frees a different field, so the paths never agree on what was
   freed. Its summary must still fit the default budget, or apply() would
   have to assume parse() keeps `arg` and its leak would go unseen. */
static void test_summary_of_a_long_option_parser(void **state) {
  enum { N = 300 };
  size_t cap = 200 * N + 1024, len = 0;
  char *code = malloc(cap);
#define PUT(...) (len += (size_t)snprintf(code + len, cap - len, __VA_ARGS__))
  PUT("struct settings {");
  for (int i = 0; i < N; i++)
    PUT(" char *s%d;", i);
  PUT(" };\n"
      "static int set_str(char **slot, const char *v) {\n"
      "  free(*slot);\n"
      "  *slot = strdup(v);\n"
      "  return *slot ? 0 : 3;\n"
      "}\n"
      "int parse(const int *codes, const char *arg, struct settings *s) {\n"
      "  int err = 0;\n"
      "  do {\n"
      "    switch (*codes) {\n");
  for (int i = 0; i < N; i++) {
    PUT("    case %d: if (!arg) return 2; err = set_str(&s->s%d, arg);", i, i);
    if (i % 2) PUT(" if (!err && !s->s%d[0]) { free(s->s%d); s->s%d = 0; }", i, i, i);
    PUT(" break;\n");
  }
  PUT("    default: return 1;\n"
      "    }\n"
      "    if (err) return err;\n"
      "  } while (*++codes);\n"
      "  return 0;\n"
      "}\n"
      "int apply(struct settings *s, const int *codes, const char *word) {\n"
      "  char *arg = strdup(word);\n"
      "  if (!arg) return -1;\n"
      "  if (parse(codes, arg, s)) return -1;\n"
      "  free(arg);\n"
      "  return 0;\n"
      "}\n");
#undef PUT
  assert_true(len < cap);
  use_summaries = true;
  analyze(code);
  free(code);
  assert_int_equal(fl.notes.len, 0);
  int line = N + 18; /* apply()'s strdup(), after the N case lines */
  find(FIND_LEAK, "connlint-memory-leak", line);
  expect_count(1);
}

/* ---- Summaries ---------------------------------------------------------------------------- */

static const char *HELPERS = "struct conn { int fd; char *buf; };\n"
                             "int conn_open(const void *sa) {\n"
                             "  int fd = socket(2, 1, 0);\n"
                             "  if (fd < 0) return -1;\n"
                             "  if (connect(fd, sa, 16) != 0) { close(fd); return -1; }\n"
                             "  return fd;\n"
                             "}\n"
                             "void conn_free(struct conn *c) {\n"
                             "  if (!c) return;\n"
                             "  close(c->fd);\n"
                             "  free(c->buf);\n"
                             "  free(c);\n"
                             "}\n"
                             "void maybe_close(int fd, int flag) { if (flag) close(fd); }\n"
                             "void die(const char *m) { printf(\"%s\", m); exit(1); }\n";

static void test_summary_helpers(void **state) {
  use_summaries = true;
  add_unit("net.c", HELPERS);
  add_unit("client.c", "struct conn { int fd; char *buf; }; int conn_open(const void *sa);\n"
                       "void conn_free(struct conn *c); void maybe_close(int fd, int flag);\n"
                       "void die(const char *m); int run(const void *sa) {\n"
                       "  int fd = conn_open(sa);\n"
                       "  if (fd < 0) return -1;\n"
                       "  if (send(fd, \"x\", 1, 0) != 1) return -2;\n"
                       "  struct conn *c = malloc(sizeof *c);\n"
                       "  if (!c) die(\"oom\");\n"
                       "  c->fd = fd;\n"
                       "  c->buf = malloc(8);\n"
                       "  conn_free(c);\n"
                       "  int s = conn_open(sa);\n"
                       "  if (s < 0) return -1;\n"
                       "  maybe_close(s, 1);\n"
                       "  return 0;\n"
                       "}\n");
  run_all();
  /* net.c's helpers are fine; run() leaks the socket from conn_open() on
     the early return, and nothing after (conn_free releases, maybe_close
     releases on some paths only, so s is not reported). */
  const Finding *f = find(FIND_LEAK, FD, 4);
  assert_non_null(strstr(f->message, "socket returned by conn_open() (net.c:"));
  assert_non_null(strstr(f->message, "is not released when run() returns at client.c:"));
  assert_true(has_step(f, "socket returned by conn_open() here"));
  expect_count(1);
}

static void test_summary_intraprocedural_is_conservative(void **state) {
  add_unit("net.c", HELPERS);
  add_unit("client.c", "int conn_open(const void *sa);\n"
                       "int run(const void *sa) {\n"
                       "  int fd = conn_open(sa);\n"
                       "  return 0;\n"
                       "}\n");
  run_all();
  expect_none();
}

static void test_summary_partial_release_is_conservative(void **state) {
  use_summaries = true;
  analyze("void put(char *p, int keep) { if (!keep) free(p); }\n"
          "int f(void) {\n"
          "  char *p = malloc(4);\n"
          "  if (!p) return -1;\n"
          "  put(p, 0);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_summary_mutual_recursion(void **state) {
  use_summaries = true;
  analyze("struct node { struct node *next; char *data; };\n"
          "void free_b(struct node *n);\n"
          "void free_a(struct node *n) { if (!n) return; free_b(n->next); free(n); }\n"
          "void free_b(struct node *n) { if (!n) return; free_a(n->next); free(n); }\n"
          "int f(void) {\n"
          "  struct node *n = malloc(sizeof *n);\n"
          "  if (!n) return -1;\n"
          "  n->next = NULL;\n"
          "  free_a(n);\n"
          "  struct node *m = malloc(sizeof *m);\n"
          "  if (!m) return -1;\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, MEM, 10);
  expect_count(1);
}

static void test_summary_out_param_and_lock_wrapper(void **state) {
  use_summaries = true;
  analyze("struct q { pthread_mutex_t mu; int fd; };\n"
          "void q_lock(struct q *q) { pthread_mutex_lock(&q->mu); }\n"
          "void q_unlock(struct q *q) { pthread_mutex_unlock(&q->mu); }\n"
          "int q_open(struct q *q) { q->fd = socket(2, 1, 0); return q->fd < 0 ? -1 : 0; }\n"
          "int good(struct q *q) { q_lock(q); q->fd = 1; q_unlock(q); return 0; }\n"
          "int bad(struct q *q) { q_lock(q); if (q->fd) return -1; q_unlock(q); return 0; }\n"
          "int local(void) {\n"
          "  struct q q;\n"
          "  if (q_open(&q) != 0) return -1;\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LOCK_HELD, LOCK, 6);
  find(FIND_LEAK, FD, 9);
  expect_count(2);
}

static void test_summary_helper_moves_parameter(void **state) {
  /* grow() moves *pp into the reallocated block when it succeeds: callers
     overwriting p through it lose nothing, and keep p when it fails. */
  use_summaries = true;
  analyze("static int grow(char **pp, int n) {\n"
          "  char *q = realloc(*pp, n);\n"
          "  if (!q) return -1;\n"
          "  *pp = q;\n"
          "  return 0;\n"
          "}\n"
          "int good(int n) {\n"
          "  char *p = malloc(4);\n"
          "  if (!p) return -1;\n"
          "  for (int i = 8; i < n; i *= 2)\n"
          "    if (grow(&p, i)) { free(p); return -1; }\n"
          "  free(p);\n"
          "  return 0;\n"
          "}\n"
          "int bad(int n) {\n"
          "  char *p = malloc(4);\n"
          "  if (!p) return -1;\n"
          "  if (grow(&p, n)) return -1;\n"
          "  free(p);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, MEM, 16);
  assert_true(has_point(f, 18));
  expect_count(1);
}

static void test_summary_out_param_tested_by_value(void **state) {
  /* q_init() returns nothing: its caller tells success by q.fd itself
     (SuccessCond.on_target), so the `q.fd < 0` path owns nothing. */
  use_summaries = true;
  analyze("struct q { int fd; };\n"
          "void q_init(struct q *q) { q->fd = socket(2, 1, 0); }\n"
          "int good(void) {\n"
          "  struct q q;\n"
          "  q_init(&q);\n"
          "  if (q.fd < 0) return -1;\n"
          "  close(q.fd);\n"
          "  return 0;\n"
          "}\n"
          "int bad(void) {\n"
          "  struct q q;\n"
          "  q_init(&q);\n"
          "  if (q.fd < 0) return -1;\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 12);
  assert_true(has_point(f, 14));
  assert_false(has_point(f, 13));
  assert_non_null(strstr(f->message, "acquired by q_init()"));
  expect_count(1);
}

static void test_summary_store_into_callee_object(void **state) {
  /* add() stores val into the entry add_raw() hands it, push() into a slot
     of the table's array: objects the caller's table reaches, not the
     helpers' own, so val escapes and the callers leak nothing. keep_local()
     stores into an object it frees: its argument only borrowed, the caller
     that drops p leaks it. */
  use_summaries = true;
  analyze("struct table { void **items; int n; }; struct entry { void *val; };\n"
          "struct entry *add_raw(struct table *t);\n"
          "int add(struct table *t, void *val) {\n"
          "  struct entry *e = add_raw(t);\n"
          "  if (!e) return -1;\n"
          "  e->val = val;\n"
          "  return 0;\n"
          "}\n"
          "void push(struct table *t, void *val) { t->items[t->n++] = val; }\n"
          "int keep_local(void *val) {\n"
          "  struct entry *e = malloc(sizeof *e);\n"
          "  if (!e) return -1;\n"
          "  e->val = val;\n"
          "  free(e);\n"
          "  return 0;\n"
          "}\n"
          "int good(struct table *t) {\n"
          "  char *p = malloc(4), *q = malloc(4);\n"
          "  if (!p || !q) { free(p); free(q); return -1; }\n"
          "  push(t, q);\n"
          "  if (add(t, p) < 0) { free(p); return -1; }\n"
          "  return 0;\n"
          "}\n"
          "int bad(void) {\n"
          "  char *p = malloc(4);\n"
          "  if (!p) return -1;\n"
          "  keep_local(p);\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, MEM, 25);
  assert_true(has_point(f, 28));
  expect_count(1);

  SummaryTable *st = summary_table_new();
  summary_compute(st, units, nunits, rs, &opts);
  const FuncRule *add = summary_find(st, units[0], "add");
  const FuncRule *push = summary_find(st, units[0], "push");
  assert_non_null(add);
  assert_non_null(push);
  assert_true(add->escape_mask >> 1 & 1);
  assert_true(push->escape_mask >> 1 & 1);
  summary_table_delete(st);
}

static void test_summary_text_round_trip(void **state) {
  add_unit("net.c", HELPERS);
  SummaryTable *st = summary_table_new();
  summary_compute(st, units, nunits, rs, &opts);
  assert_true(summary_count(st) >= 4);
  Arena a;
  arena_init(&a);
  Buf first = {0}, second = {0};
  summary_write(st, &first, &a);
  const char *text = buf_str(&a, &first);
  assert_non_null(strstr(text, "func conn_open "));
  assert_non_null(strstr(text, "acquire socket ret >= 0\n"));
  assert_non_null(strstr(text, "release fd arg0:*:.fd\n"));
  assert_non_null(strstr(text, "func die "));
  assert_non_null(strstr(text, "noreturn\n"));

  SummaryTable *back = summary_table_new();
  char err[128];
  assert_int_equal(summary_read(back, rs, text, err, sizeof err), 0);
  summary_write(back, &second, &a);
  assert_string_equal(buf_str(&a, &second), text);

  /* Summaries read back drive the analysis of another unit. */
  add_unit("client.c", "int conn_open(const void *sa);\n"
                       "int run(const void *sa) {\n"
                       "  int fd = conn_open(sa);\n"
                       "  return 0;\n"
                       "}\n");
  Callees c = summary_callees(back, rs, units[1]);
  for (int i = 0; i < units[1]->nfuncs; i++)
    engine_run(units[1]->funcs[i], &c, &opts, &fl);
  find(FIND_LEAK, FD, 3);
  expect_count(1);

  assert_int_equal(
      summary_read(back, rs, "func f x.c 1\nacquire nosuchkind ret >= 0\nend\n", err, sizeof err),
      -1);
  assert_string_equal(err, "line 2: unknown resource kind");
  summary_table_delete(back);
  summary_table_delete(st);
  arena_free(&a);
}

/* A callee that dereferences its parameter before any branch does not
   return when handed a constant NULL: the caller's path ends there. */
static void test_null_to_dereferencing_callee_ends_path(void **state) {
  use_summaries = true;
  analyze("struct conn { int fd; int st; };\n"
          "static struct conn *stub(int fd) { (void)fd; return 0; }\n"
          "static int state_of(struct conn *c) { return c->st; }\n"
          "static int check(struct conn *c) { int n = 0; return state_of(c) + n; }\n"
          "void conn_close(struct conn *c);\n"
          "int f(int lfd) {\n"
          "  int fd = accept(lfd, 0, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  struct conn *c = stub(fd);\n"
          "  if (check(c) != 1) { conn_close(c); return -1; }\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

/* Not when the callee tests the pointer first, nor when it dereferences
   a parameter it has overwritten: the leak is reported. */
static void test_null_to_checking_callee_goes_on(void **state) {
  use_summaries = true;
  analyze("struct conn { int fd; int st; };\n"
          "static struct conn *stub(int fd) { (void)fd; return 0; }\n"
          "static struct conn spare;\n"
          "static int state_of(struct conn *c) { if (!c) return -1; return c->st; }\n"
          "static int other(struct conn *c) { c = &spare; return c->st; }\n"
          "int f(int lfd) {\n"
          "  int fd = accept(lfd, 0, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  struct conn *c = stub(fd);\n"
          "  if (state_of(c) != 1) return -1;\n"
          "  return 0;\n"
          "}\n"
          "int g(int lfd) {\n"
          "  int fd = accept(lfd, 0, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  struct conn *c = stub(fd);\n"
          "  if (other(c) != 1) return -1;\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 7);
  find(FIND_LEAK, FD, 14);
  expect_count(2);
}

int main(void) {
#define T(name) cmocka_unit_test_setup(name, reset)
  const struct CMUnitTest tests[] = {
      T(test_failed_lt_zero_good),
      T(test_precondition_from_checked_caller_good),
      T(test_precondition_from_constant_callers_good),
      T(test_precondition_one_unchecked_caller_bad),
      T(test_precondition_address_taken_bad),
      T(test_precondition_never_called_bad),
      T(test_precondition_external_needs_program_bad),
      T(test_precondition_external_in_program_good),
      T(test_precondition_loop_runs_once_good),
      T(test_const_global_decides_branch_good),
      T(test_unwritten_static_decides_branch_good),
      T(test_written_static_is_unknown_bad),
      T(test_address_taken_static_is_unknown_bad),
      T(test_extern_global_needs_whole_program_bad),
      T(test_extern_global_in_program_good),
      T(test_constant_returning_helper_good),
      T(test_same_bit_test_twice_good),
      T(test_other_bit_test_bad),
      T(test_derived_facts_reach_operand_good),
      T(test_unknown_counter_converges_good),
      T(test_failed_eq_minus_one_goto_good),
      T(test_failed_through_copy_and_negation_good),
      T(test_failed_test_later_good),
      T(test_failed_le_zero_bad),
      T(test_failed_getaddrinfo_good),
      T(test_failed_null_out_pointer_good),
      T(test_invalid_value_owns_nothing),
      T(test_failed_getaddrinfo_bad),
      T(test_early_return_bad),
      T(test_goto_cleanup_ladder_good),
      T(test_goto_ladder_skips_one_bad),
      T(test_switch_case_bad),
      T(test_nested_loops_break_continue),
      T(test_correlated_flag_good),
      T(test_correlated_different_flag_bad),
      T(test_correlated_compare_with_default_good),
      T(test_unsigned_loop_runs_good),
      T(test_signed_loop_skipped_bad),
      T(test_counted_loop_closes_each_good),
      T(test_counted_loop_closes_first_only_bad),
      T(test_counted_loop_unknown_bound_conservative),
      T(test_sites_no_caller_passes_both_good),
      T(test_sites_one_caller_passes_both_bad),
      T(test_sites_parameter_reassigned_bad),
      T(test_release_loop_widened_heap_vector_good),
      T(test_release_loop_from_one_keeps_first_bad),
      T(test_release_loop_after_clearing_loop_good),
      T(test_release_loop_after_tested_zero_bad),
      T(test_startup_field_checked_good),
      T(test_startup_field_zero_allowed_bad),
      T(test_startup_field_rewritten_by_callee_bad),
      T(test_startup_field_needs_main_bad),
      T(test_counted_loop_unbounded_count_converges),
      T(test_unsigned_compare_with_wrapped_constant_bad),
      T(test_unsigned_constant_division_bad),
      T(test_unsigned_switch_wrapped_label_bad),
      T(test_deref_means_nonnull_good),
      T(test_deref_on_one_path_bad),
      T(test_address_of_field_is_no_deref_bad),
      T(test_alias_copies_good),
      T(test_alias_struct_dropped_bad),
      T(test_escapes_good),
      T(test_escape_through_derived_pointers),
      T(test_borrowed_only_bad),
      T(test_local_struct_field_bad),
      T(test_store_into_object_escapes_good),
      T(test_store_into_local_through_pointer_bad),
      T(test_array_parameter_out_good),
      T(test_local_array_out_bad),
      T(test_reacquire_in_loop_one_finding),
      T(test_standard_stream_good),
      T(test_standard_stream_other_side_bad),
      T(test_stored_in_escaping_object_good),
      T(test_stored_in_own_object_bad),
      T(test_overwrite_in_loop_bad),
      T(test_overwrite_alias_still_holds_good),
      T(test_declared_in_loop_is_a_leak),
      T(test_unknown_element_is_lost_track),
      T(test_loop_local_out_parameter_is_a_leak),
      T(test_endless_loop_scope_end),
      T(test_realloc_loses_pointer),
      T(test_fdopen_transfer),
      T(test_ignored_result),
      T(test_mismatch),
      T(test_double_release),
      T(test_noreturn_ends_path),
      T(test_noreturn_option_reports),
      T(test_return_from_main_is_exit),
      T(test_return_from_main_reported_on_request),
      T(test_lock_held_on_early_return),
      T(test_lock_good_variants),
      T(test_lock_through_pointer_chain),
      T(test_lock_protocol_by_return_value),
      T(test_lock_protocol_by_argument),
      T(test_lock_inconsistent_returns),
      T(test_lock_entered_held),
      T(test_leak_points_start_with_shown_exit),
      T(test_path_notes_do_not_repeat),
      T(test_path_notes_print_constants),
      T(test_thread_detached_attribute),
      T(test_thread_start_routine),
      T(test_thread_release_own_round_trip),
      T(test_cleanup_attribute),
      T(test_many_branches_terminate),
      T(test_switch_on_unwritten_element_ends_the_path),
      T(test_switch_on_written_element_is_a_value),
      T(test_loop_whose_turns_hold_different_resources_converges),
      T(test_loop_turn_leak_of_a_helper_result_names_the_scope),
      T(test_summary_write_through_pointer_is_seen),
      T(test_summary_out_param_set_when_result_acquired),
      T(test_budget_note),
      T(test_summary_of_a_long_option_parser),
      T(test_summary_helpers),
      T(test_summary_intraprocedural_is_conservative),
      T(test_summary_partial_release_is_conservative),
      T(test_summary_mutual_recursion),
      T(test_summary_out_param_and_lock_wrapper),
      T(test_summary_helper_moves_parameter),
      T(test_summary_out_param_tested_by_value),
      T(test_summary_store_into_callee_object),
      T(test_summary_text_round_trip),
      T(test_null_to_dereferencing_callee_ends_path),
      T(test_null_to_checking_callee_goes_on),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
