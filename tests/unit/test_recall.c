/*
 * test_recall.c - classes of leaks that hide behind what connlint does not
 * see (issue 12): unknown callees that only read, calls through function
 * pointers, resources left in out-parameters when a function fails,
 * releases inside guarded helpers, unions and structs passed by value.
 *
 * Each test lowers a snippet with the real front end and runs the engine
 * (and, where the point is a helper, the summary pass) with a small rule
 * pack, then checks the findings. Snippets declare what they call instead
 * of including system headers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "engine.h"
#include "failure_uses.h"
#include "frontend.h"
#include "summary.h"
#include "tsfront.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *RULES =
    "kind fd { family fd; desc \"file descriptor\"; cwe 775; leak connlint-fd-leak }\n"
    "kind file { family stdio; desc \"stdio stream\"; cwe 775; leak connlint-file-leak }\n"
    "kind heap { family heap; desc \"heap buffer\"; cwe 401; leak connlint-memory-leak }\n"
    "func open: returns fd when ret >= 0; borrows all\n"
    "func close: releases fd at arg0\n"
    "func fopen: returns file when ret != NULL; borrows all\n"
    "func fclose: releases stdio at arg0\n"
    "func malloc, strdup: returns heap when ret != NULL; borrows all\n"
    "func realloc: returns heap when ret != NULL; moves arg0 into ret; borrows all\n"
    "func free: releases heap at arg0\n"
    "func write, strlen: borrows all\n"
    "func app_alloc: returns heap when ret != NULL; borrows all\n"
    "func exit: noreturn\n";

static const char *DECLS =
    "typedef unsigned long size_t;\n"
    "typedef struct FILE FILE;\n"
    "int open(const char *, int); int close(int); long write(int, const void *, size_t);\n"
    "FILE *fopen(const char *, const char *); int fclose(FILE *);\n"
    "void *malloc(size_t); char *strdup(const char *); void free(void *);\n"
    "void *realloc(void *, size_t);\n"
    "size_t strlen(const char *); void exit(int);\n"
    "#define NULL ((void *)0)\n";

#include "snippet.h"

#define FD "connlint-fd-leak"
#define MEM "connlint-memory-leak"
#define MISMATCH "connlint-mismatched-release"

/* ---- 1. Unknown callees that only read ------------------------------------ */

static void test_decl_records_const_and_format(void **state) {
  add_unit("t.c",
           "void a(const char *s, char *t, const char **v, char *const w);\n"
           "void b(int l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));\n"
           "void c(int l, const char *fmt, ...) __attribute__((__format__(__printf__, 2, 3)));\n"
           "void g(void) { a(0, 0, 0, 0); b(1, \"\"); c(1, \"\"); }\n");
  const FuncDecl *a = unit_find_decl(units[0], "a");
  assert_non_null(a);
  assert_int_equal(a->const_params, 1u); /* only `const char *s` points to const */
  assert_false(a->printf_like);
  assert_true(unit_find_decl(units[0], "b")->printf_like);
  assert_true(unit_find_decl(units[0], "c")->printf_like);
  assert_int_equal(unit_find_decl(units[0], "b")->const_params, 2u);
}

static void test_const_param_borrows_bad(void **state) {
  analyze("void show(const char *s);\n"
          "int f(const char *in, int bad) {\n"
          "  char *p = strdup(in);\n"
          "  if (!p) return -1;\n"
          "  show(p);\n"
          "  if (bad) return -1;\n"
          "  free(p);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, MEM, 3);
  expect_count(1);
}

static void test_non_const_param_escapes_good(void **state) {
  analyze("void keep(char *s);\n"
          "int f(const char *in) {\n"
          "  char *p = strdup(in);\n"
          "  if (!p) return -1;\n"
          "  keep(p);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_const_struct_contents_escape_good(void **state) {
  /* A const pointer protects the object, not what it holds: the callee may
     close(c->fd) or free(c->name). */
  analyze("struct conn { int fd; char *name; };\n"
          "void conn_retire(const struct conn *c);\n"
          "int f(const char *path) {\n"
          "  struct conn c;\n"
          "  c.fd = open(path, 0);\n"
          "  if (c.fd < 0) return -1;\n"
          "  c.name = strdup(path);\n"
          "  conn_retire(&c);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_const_param_with_body_is_opaque_good(void **state) {
  /* A function with a body (whose summary is not used here) is opaque. */
  analyze("void show(const char *s) { (void)s; }\n"
          "int f(const char *in) {\n"
          "  char *p = strdup(in);\n"
          "  if (!p) return -1;\n"
          "  show(p);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_format_attr_borrows_variadic_bad(void **state) {
  analyze("void logf_(int l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));\n"
          "#define LOG(...) logf_(1, __VA_ARGS__)\n"
          "int f(const char *in) {\n"
          "  char *p = strdup(in);\n"
          "  if (!p) return -1;\n"
          "  LOG(\"%s\", p);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, MEM, 4);
  expect_count(1);
}

static void test_variadic_without_format_escapes_good(void **state) {
  analyze("void note(const char *fmt, ...);\n"
          "int f(const char *in) {\n"
          "  char *p = strdup(in);\n"
          "  if (!p) return -1;\n"
          "  note(\"%s\", p);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

/* ---- 4. Releases inside guarded helpers ------------------------------------ */

static void test_partial_release_wrong_family_bad(void **state) {
  use_summaries = true;
  analyze("static FILE *log_fp;\n"
          "static void stream_close(FILE *f) { if (f != log_fp) fclose(f); }\n"
          "int f(const char *p) {\n"
          "  char *buf = malloc(64);\n"
          "  if (!buf) return -1;\n"
          "  stream_close((FILE *)buf);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_MISMATCH, MISMATCH, 6);
  expect_count(1);
}

static void test_partial_release_same_family_escapes_good(void **state) {
  use_summaries = true;
  analyze("static FILE *log_fp;\n"
          "static void stream_close(FILE *f) { if (f != log_fp) fclose(f); }\n"
          "int f(const char *p) {\n"
          "  FILE *fp = fopen(p, \"r\");\n"
          "  if (!fp) return -1;\n"
          "  stream_close(fp);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_dispatching_helper_good(void **state) {
  use_summaries = true;
  analyze("static void obj_free(void *p, int type) {\n"
          "  if (type == 1) fclose(p); else if (type == 2) free(p);\n"
          "}\n"
          "int f(const char *p) {\n"
          "  FILE *fp = fopen(p, \"r\");\n"
          "  if (!fp) return -1;\n"
          "  obj_free(fp, 1);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_partial_family_through_wrapper_bad(void **state) {
  /* The wrapper only passes its argument on: its summary keeps the family
     of the partial release below it. */
  use_summaries = true;
  add_unit("a.c", "static int keep_open;\n"
                  "void fd_release(int fd) { if (!keep_open) close(fd); }\n"
                  "void handle_release(int h) { fd_release(h); }\n");
  add_unit("b.c", "void handle_release(int h);\n"
                  "int f(const char *p) {\n"
                  "  FILE *fp = fopen(p, \"r\");\n"
                  "  if (!fp) return -1;\n"
                  "  handle_release((int)(long)fp);\n"
                  "  return 0;\n"
                  "}\n");
  run_all();
  find(FIND_MISMATCH, MISMATCH, 5);
  expect_count(1);
}

/* ---- 2. Calls through function pointers ------------------------------------ */

static void test_fnptr_targets_recorded(void **state) {
  add_unit("t.c", "static void a(int fd) { close(fd); }\n"
                  "static void b(int fd) { (void)fd; }\n"
                  "static void (*hook)(int) = a;\n"
                  "void (*pub)(int);\n"
                  "static void (*taken)(int) = a;\n"
                  "void set(int v, void (*cb)(int)) { hook = v ? b : NULL; pub = cb;\n"
                  "  void (**pp)(int) = &taken; (void)pp; }\n"
                  "void call(int fd) { hook(fd); (*pub)(fd); taken(fd); }\n");
  const Unit *u = units[0];
  const Func *call = NULL;
  for (int i = 0; i < u->nfuncs; i++)
    if (strcmp(u->funcs[i]->name, "call") == 0) call = u->funcs[i];
  assert_non_null(call);
  const Stmt *st[3];
  int n = 0;
  for (int b = 0; b < call->nblocks; b++)
    for (int k = 0; k < call->blocks[b]->nstmts && n < 3; k++)
      if (call->blocks[b]->stmts[k]->kind == STMT_CALL) st[n++] = call->blocks[b]->stmts[k];
  assert_int_equal(n, 3);
  for (int i = 0; i < 3; i++)
    assert_non_null(st[i]->fnvar);
  const FnTargets *h = var_fn_targets(st[0]->fnvar);
  assert_non_null(h); /* a, and b; NULL adds nothing */
  assert_int_equal(h->ntargets, 2);
  assert_false(h->is_extern);
  assert_null(var_fn_targets(st[1]->fnvar)); /* stored from a parameter */
  assert_true(st[1]->fnvar->fn_targets->is_extern);
  assert_null(var_fn_targets(st[2]->fnvar)); /* its address is taken */
}

static void test_fnptr_call_is_call_to_targets_bad(void **state) {
  use_summaries = true;
  analyze("static void trace_a(int fd) { write(2, \"a\", 1); (void)fd; }\n"
          "static void trace_b(int fd) { write(2, \"b\", 1); (void)fd; }\n"
          "static void (*trace)(int) = trace_a;\n"
          "void verbose(void) { trace = trace_b; }\n"
          "int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  trace(fd);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 6);
  expect_count(1);
}

static void test_fnptr_join_all_release_good(void **state) {
  use_summaries = true;
  analyze("static void close_a(int fd) { close(fd); }\n"
          "static void close_b(int fd) { write(2, \"x\", 1); close(fd); }\n"
          "static void (*closer)(int) = close_a;\n"
          "void verbose(void) { closer = close_b; }\n"
          "int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  closer(fd);\n"
          "  return 0;\n"
          "}\n"
          "int g(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  closer(fd);\n"
          "  closer(fd);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_DOUBLE_RELEASE, "connlint-double-release", 15);
  expect_count(1);
}

static void test_fnptr_join_some_release_escapes_good(void **state) {
  use_summaries = true;
  analyze("static int parked;\n"
          "static void close_a(int fd) { close(fd); }\n"
          "static void park(int fd) { parked = fd; }\n"
          "static void (*drop)(int) = close_a;\n"
          "void pool(void) { drop = park; }\n"
          "int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  drop(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_fnptr_unknown_store_is_opaque_good(void **state) {
  use_summaries = true;
  analyze("static void trace_a(int fd) { (void)fd; }\n"
          "static void (*trace)(int) = trace_a;\n"
          "void set_trace(void (*cb)(int)) { trace = cb; }\n"
          "int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  trace(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_fnptr_noreturn_target_ends_nothing_good(void **state) {
  /* One target never returns: the path goes on through the other, which
     closes. */
  use_summaries = true;
  analyze("static void die(int fd) { (void)fd; exit(1); }\n"
          "static void close_a(int fd) { close(fd); }\n"
          "static void (*on_done)(int) = close_a;\n"
          "void strict(void) { on_done = die; }\n"
          "int f(const char *p) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  on_done(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_rule_names_global_fnptr_bad(void **state) {
  /* The hook is set from outside (unknown targets), but a rule names the
     variable: calls through it allocate. */
  analyze("void *(*app_alloc)(size_t);\n"
          "void hooks_init(void *(*a)(size_t)) { app_alloc = a; }\n"
          "#define xmalloc(n) app_alloc(n)\n"
          "int f(int n) {\n"
          "  char *b = xmalloc(16);\n"
          "  if (!b) return -1;\n"
          "  if (n) return -2;\n"
          "  free(b);\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, MEM, 5);
  expect_count(1);
}

static void test_fnptr_extern_merged_across_units(void **state) {
  /* b.c calls the hook a.c stores into: alone, b.c knows no target; with
     the program's stores merged, the hook is a.c's closing function. */
  use_summaries = true;
  add_unit("a.c", "void (*conn_drop)(int);\n"
                  "void drop_close(int fd) { close(fd); }\n"
                  "void conn_init(void) { conn_drop = drop_close; }\n"
                  "void (*conn_trace)(int);\n"
                  "static void trace_fd(int fd) { (void)fd; }\n"
                  "void trace_init(void) { conn_trace = trace_fd; }\n");
  add_unit("b.c", "extern void (*conn_drop)(int);\n"
                  "int f(const char *p) {\n"
                  "  int fd = open(p, 0);\n"
                  "  if (fd < 0) return -1;\n"
                  "  conn_drop(fd);\n"
                  "  conn_drop(fd);\n"
                  "  return 0;\n"
                  "}\n");
  add_unit("c.c", "extern void (*conn_trace)(int);\n"
                  "void t(int fd) { conn_trace(fd); }\n");
  unit_merge_fnptrs(units, nunits);
  run_all();
  find(FIND_DOUBLE_RELEASE, "connlint-double-release", 6);
  expect_count(1);
  /* a.c's static trace_fd cannot be named from c.c: unknown there only. */
  int seen = 0;
  for (int u = 0; u < 3; u += 2)
    for (int i = 0; i < units[u]->nfnptrs; i++)
      if (strcmp(units[u]->fnptrs[i]->name, "conn_trace") == 0) {
        assert_int_equal(units[u]->fnptrs[i]->unknown, u == 2);
        seen++;
      }
  assert_int_equal(seen, 2);
}

/* ---- 5. Storage the engine splits or loses --------------------------------- */

static void test_union_members_one_storage(void **state) {
  analyze("union h { void *ptr; char *text; long n; };\n"
          "int f(void) {\n"
          "  union h a;\n"
          "  a.ptr = malloc(8);\n"
          "  if (!a.ptr) return -1;\n"
          "  free(a.text);\n"
          "  union h b;\n"
          "  b.text = malloc(8);\n"
          "  if (!b.text) return -1;\n"
          "  b.n = 0;\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LOST_REFERENCE, "connlint-lost-reference", 10);
  expect_count(1);
}

static void test_anonymous_union_in_struct(void **state) {
  analyze("struct item { int type; union { FILE *fp; char *text; }; int other; };\n"
          "int f(const char *p) {\n"
          "  struct item it;\n"
          "  it.fp = fopen(p, \"r\");\n"
          "  if (!it.fp) return -1;\n"
          "  it.other = 1;\n"
          "  fclose(it.fp);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_struct_by_value_released_across_units(void **state) {
  /* The callee's summary names `arg0.fd` (no dereference); the text form
     carries it to another unit. */
  add_unit("res.c", "struct res { int fd; char *buf; };\n"
                    "void res_free(struct res r) { close(r.fd); free(r.buf); }\n");
  SummaryTable *st = summary_table_new();
  summary_compute(st, units, nunits, rs, &opts);
  Arena a;
  arena_init(&a);
  Buf out = {0};
  summary_write(st, &out, &a);
  const char *text = buf_str(&a, &out);
  assert_non_null(strstr(text, "release fd arg0:.fd\n"));
  assert_non_null(strstr(text, "release heap arg0:.buf\n"));
  SummaryTable *back = summary_table_new();
  char err[128];
  assert_int_equal(summary_read(back, rs, text, err, sizeof err), 0);
  add_unit("main.c", "struct res { int fd; char *buf; };\n"
                     "void res_free(struct res r);\n"
                     "int f(const char *p) {\n"
                     "  struct res r;\n"
                     "  r.fd = open(p, 0);\n"
                     "  if (r.fd < 0) return -1;\n"
                     "  r.buf = malloc(8);\n"
                     "  res_free(r);\n"
                     "  return 0;\n"
                     "}\n");
  Callees c = summary_callees(back, rs, units[1]);
  for (int i = 0; i < units[1]->nfuncs; i++)
    engine_run(units[1]->funcs[i], &c, &opts, &fl);
  expect_count(0);
  summary_table_delete(back);
  summary_table_delete(st);
  arena_free(&a);
}

static void test_struct_by_value_to_opaque_escapes_good(void **state) {
  analyze("struct res { int fd; char *buf; };\n"
          "void queue_push(struct res r);\n"
          "int f(const char *p) {\n"
          "  struct res r;\n"
          "  r.fd = open(p, 0);\n"
          "  if (r.fd < 0) return -1;\n"
          "  queue_push(r);\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

/* ---- 3. Ownership on error returns ------------------------------------------- */

static void test_out_param_failure_return_bad(void **state) {
  analyze("int f(const char *p, int *out) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  *out = fd;\n"
          "  if (write(fd, p, 1) != 1) return -1;\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 2);
  assert_int_equal(f->nleak_points, 1);
  assert_int_equal(f->leak_points[0].line - decl_lines(), 5); /* at the failing return */
  bool said = false;
  for (int i = 0; i < f->nsteps; i++)
    said |= strstr(f->steps[i].msg, "f() returns -1, its failure value") != NULL;
  assert_true(said);
  expect_count(1);
}

static void test_out_param_failure_cleared_good(void **state) {
  analyze("int f(const char *p, int *out) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  *out = fd;\n"
          "  if (write(fd, p, 1) != 1) { close(*out); *out = -1; return -1; }\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_out_param_no_convention_good(void **state) {
  /* -1 is returned only with the descriptor handed out: nothing says -1
     means failure here, so it is the caller's. */
  analyze("int f(const char *p, int *out, int flag) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return 0;\n"
          "  *out = fd;\n"
          "  return flag ? -1 : 1;\n"
          "}\n");
  expect_count(0);
}

static void test_out_param_overwritten_then_failure_bad(void **state) {
  /* Clearing *out without closing loses the descriptor all the same. */
  analyze("int f(const char *p, int *out) {\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  *out = fd;\n"
          "  if (write(fd, p, 1) != 1) { *out = -1; return -1; }\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 2);
  expect_count(1);
}

static void test_out_param_grown_in_place_good(void **state) {
  /* The buffer in *out grew from the caller's: on failure the caller still
     holds (and frees) it. */
  analyze("int f(char **out, size_t n, int bad) {\n"
          "  char *p = realloc(*out, n);\n"
          "  if (!p) return -1;\n"
          "  *out = p;\n"
          "  if (bad) return -1;\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_or_with_constant_is_nonzero_good(void **state) {
  /* redis' anetPipe: after open() succeeds, `flags = 8 | x` is never 0, so
     the fallback that reports failure cannot follow it. */
  analyze("int f(const char *p, int *out, int x) {\n"
          "  int flags = 0;\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) { if (x) return -1; }\n"
          "  else { *out = fd; flags = 8 | x; }\n"
          "  if (flags == 0) return -1;\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_struct_field_failure_left_to_callers_good(void **state) {
  analyze("struct conn { int fd; };\n"
          "int f(struct conn *c, const char *p) {\n"
          "  c->fd = open(p, 0);\n"
          "  if (c->fd < 0) return -1;\n"
          "  if (write(c->fd, p, 1) != 1) return -1;\n"
          "  return 0;\n"
          "}\n");
  expect_count(0);
}

static void test_struct_field_undone_elsewhere_bad(void **state) {
  /* The function itself clears the field on one failure: -1 means nothing
     left in the struct, and the other -1 leaves the descriptor there. */
  analyze("struct conn { int fd; char *buf; };\n"
          "int f(struct conn *c, const char *p) {\n"
          "  c->fd = open(p, 0);\n"
          "  if (c->fd < 0) return -1;\n"
          "  if (write(c->fd, p, 1) != 1) { close(c->fd); c->fd = -1; return -1; }\n"
          "  c->buf = malloc(64);\n"
          "  if (!c->buf) return -1;\n"
          "  return 0;\n"
          "}\n");
  const Finding *f = find(FIND_LEAK, FD, 3);
  assert_true(has_point(f, 7));
  expect_count(1);
}

static void test_nested_field_undone_elsewhere_bad(void **state) {
  analyze("struct link { int sock; };\n"
          "struct sess { struct link *l; };\n"
          "int f(struct sess *s, const char *p) {\n"
          "  s->l->sock = open(p, 0);\n"
          "  if (s->l->sock < 0) return -1;\n"
          "  if (write(s->l->sock, p, 1) != 1) { close(s->l->sock); return -1; }\n"
          "  if (write(s->l->sock, p, 2) != 2) return -1;\n"
          "  return 0;\n"
          "}\n");
  find(FIND_LEAK, FD, 4);
  expect_count(1);
}

/* Learning from callers: a callee that shows no convention of its own,
   and callers in the same unit (a static callee: all its callers). */
static const char *FIELD_CALLEE = "struct conn { int fd; };\n"
                                  "static int conn_open(struct conn *c, const char *p) {\n"
                                  "  c->fd = open(p, 0);\n"
                                  "  if (c->fd < 0) return -1;\n"
                                  "  if (write(c->fd, p, 1) != 1) return -1;\n"
                                  "  return 0;\n"
                                  "}\n"
                                  "static void conn_close(struct conn *c) { close(c->fd); }\n";

static void test_callers_take_nothing_bad(void **state) {
  analyze_after(FIELD_CALLEE, "int a(const char *p) {\n"
                              "  struct conn c;\n"
                              "  if (conn_open(&c, p) < 0) return -1;\n"
                              "  conn_close(&c);\n"
                              "  return 0;\n"
                              "}\n"
                              "int b(const char *p) {\n"
                              "  struct conn *c = malloc(sizeof *c);\n"
                              "  if (!c) return -1;\n"
                              "  int rc = conn_open(c, p);\n"
                              "  if (rc != 0) { free(c); return -1; }\n"
                              "  conn_close(c);\n"
                              "  free(c);\n"
                              "  return 0;\n"
                              "}\n");
  const Finding *f = find(FIND_LEAK, FD, 3);
  assert_true(has_point(f, 5));
  expect_count(1);
}

static void test_caller_cleans_up_good(void **state) {
  /* One caller runs the struct's cleanup on failure: the struct owns what
     was stored in it, whatever the other caller does. */
  analyze_after(FIELD_CALLEE, "int a(const char *p) {\n"
                              "  struct conn c;\n"
                              "  if (conn_open(&c, p) < 0) return -1;\n"
                              "  conn_close(&c);\n"
                              "  return 0;\n"
                              "}\n"
                              "int b(const char *p) {\n"
                              "  struct conn c;\n"
                              "  if (conn_open(&c, p) < 0) goto fail;\n"
                              "  return 0;\n"
                              "fail:\n"
                              "  conn_close(&c);\n"
                              "  return -1;\n"
                              "}\n");
  expect_none();
}

static void test_caller_passes_its_own_param_good(void **state) {
  /* The struct came from the caller's caller, who may clean it up: that
     caller says nothing. */
  analyze_after(FIELD_CALLEE, "int a(struct conn *c, const char *p) {\n"
                              "  if (conn_open(c, p) < 0) return -1;\n"
                              "  return 0;\n"
                              "}\n");
  expect_none();
}

static void test_caller_ignores_result_good(void **state) {
  analyze_after(FIELD_CALLEE, "void a(const char *p) {\n"
                              "  struct conn c;\n"
                              "  conn_open(&c, p);\n"
                              "  conn_close(&c);\n"
                              "}\n"
                              "int b(const char *p) {\n"
                              "  struct conn c;\n"
                              "  if (conn_open(&c, p) < 0) return -1;\n"
                              "  conn_close(&c);\n"
                              "  return 0;\n"
                              "}\n");
  expect_none();
}

static void test_caller_closes_out_param_good(void **state) {
  /* The callee's own convention says -1 hands nothing back, but its
     caller closes what *out holds on failure: the program's convention
     wins. */
  use_summaries = true;
  analyze("static int dial(const char *p, int *out) {\n"
          "  *out = -1;\n"
          "  if (!p) return -1;\n"
          "  int fd = open(p, 0);\n"
          "  if (fd < 0) return -1;\n"
          "  *out = fd;\n"
          "  if (write(fd, p, 1) != 1) return -1;\n"
          "  return 0;\n"
          "}\n"
          "int a(const char *p) {\n"
          "  int fd = -1;\n"
          "  if (dial(p, &fd) < 0) { if (fd >= 0) close(fd); return -1; }\n"
          "  close(fd);\n"
          "  return 0;\n"
          "}\n");
  expect_none();
}

static void test_failure_uses_of_reads_the_branches(void **state) {
  add_unit("t.c", "struct conn { int fd; };\n"
                  "int conn_open(struct conn *c);\n"
                  "void conn_close(struct conn *c);\n"
                  "int a(void) {\n"
                  "  struct conn c;\n"
                  "  if (conn_open(&c) < 0) return -1;\n"
                  "  conn_close(&c);\n"
                  "  return 0;\n"
                  "}\n");
  Callees c = summary_callees(NULL, rs, units[0]);
  Arena a;
  arena_init(&a);
  Vec out = {0};
  failure_uses_of(units[0]->funcs[0], &c, NULL, NULL, &a, &out);
  const FailRec *open_rec = NULL;
  for (int i = 0; i < out.len; i++) {
    const FailRec *r = out.data[i];
    if (strcmp(r->callee, "conn_open") == 0) open_rec = r;
  }
  assert_non_null(open_rec);
  assert_true(open_rec->site.tested);
  assert_int_equal(open_rec->site.op, CMP_LT);
  assert_int_equal(open_rec->site.k, 0);
  /* The test holds on failure: that branch only returns. The other one
     calls conn_close(), unknown here: it may clean up. */
  assert_int_equal(open_rec->site.use[0][0], FAIL_TAKES_NOTHING);
  assert_int_equal(open_rec->site.use[0][1], FAIL_CLEANS);
  arena_free(&a);
}

static void test_struct_field_failure_through_variable_bad(void **state) {
  /* The failure value reaches the return through a variable (`rc = -1;
     goto out;`): the undo on one failure and the leak on the other. */
  analyze("struct conn { int fd; };\n"
          "int f(struct conn *c, const char *p) {\n"
          "  int rc = -1;\n"
          "  c->fd = open(p, 0);\n"
          "  if (c->fd < 0) goto out;\n"
          "  if (write(c->fd, p, 1) != 1) { close(c->fd); c->fd = -1; goto out; }\n"
          "  if (write(c->fd, p, 2) != 2) goto out;\n"
          "  rc = 0;\n"
          "out:\n"
          "  return rc;\n"
          "}\n");
  find(FIND_LEAK, FD, 4);
  expect_count(1);
}

static void test_tsfront_records_const_format_and_unions(void **state) {
  /* The tree-sitter front end reads the same facts from the text. */
  static const char code[] =
      "void a(const char *s, char *t, const char **v);\n"
      "void b(int l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));\n"
      "union h { void *ptr; char *text; };\n"
      "struct s { int text2; };\n"
      "void g(union h *x) { a(0, 0, 0); b(1, \"\"); free(x->text); }\n";
  TsFrontend *ts = tsfront_new(NULL);
  Unit *u = tsfront_parse_string(ts, "snippet.c", code, strlen(code));
  tsfront_delete(ts);
  assert_non_null(u);
  const FuncDecl *a = unit_find_decl(u, "a");
  assert_non_null(a);
  assert_int_equal(a->const_params, 1u);
  assert_true(unit_find_decl(u, "b")->printf_like);
  const Func *g = u->funcs[u->nfuncs - 1];
  const Stmt *fr = NULL;
  for (int b = 0; b < g->nblocks; b++)
    for (int k = 0; k < g->blocks[b]->nstmts; k++)
      if (g->blocks[b]->stmts[k]->callee && strcmp(g->blocks[b]->stmts[k]->callee, "free") == 0)
        fr = g->blocks[b]->stmts[k];
  assert_non_null(fr);
  assert_int_equal(fr->args[0]->kind, EXPR_PATH);
  assert_string_equal(fr->args[0]->path->storage, "ptr");
  unit_delete(u);
}

int main(void) {
#define T(fn) cmocka_unit_test_setup_teardown(fn, reset, reset)
  const struct CMUnitTest tests[] = {
      T(test_decl_records_const_and_format),
      T(test_const_param_borrows_bad),
      T(test_non_const_param_escapes_good),
      T(test_const_struct_contents_escape_good),
      T(test_const_param_with_body_is_opaque_good),
      T(test_format_attr_borrows_variadic_bad),
      T(test_variadic_without_format_escapes_good),
      T(test_partial_release_wrong_family_bad),
      T(test_partial_release_same_family_escapes_good),
      T(test_dispatching_helper_good),
      T(test_partial_family_through_wrapper_bad),
      T(test_fnptr_targets_recorded),
      T(test_fnptr_call_is_call_to_targets_bad),
      T(test_fnptr_join_all_release_good),
      T(test_fnptr_join_some_release_escapes_good),
      T(test_fnptr_unknown_store_is_opaque_good),
      T(test_fnptr_noreturn_target_ends_nothing_good),
      T(test_rule_names_global_fnptr_bad),
      T(test_fnptr_extern_merged_across_units),
      T(test_out_param_failure_return_bad),
      T(test_out_param_failure_cleared_good),
      T(test_out_param_no_convention_good),
      T(test_out_param_overwritten_then_failure_bad),
      T(test_struct_field_failure_left_to_callers_good),
      T(test_struct_field_failure_through_variable_bad),
      T(test_struct_field_undone_elsewhere_bad),
      T(test_nested_field_undone_elsewhere_bad),
      T(test_callers_take_nothing_bad),
      T(test_caller_cleans_up_good),
      T(test_caller_passes_its_own_param_good),
      T(test_caller_ignores_result_good),
      T(test_caller_closes_out_param_good),
      T(test_failure_uses_of_reads_the_branches),
      T(test_out_param_grown_in_place_good),
      T(test_or_with_constant_is_nonzero_good),
      T(test_union_members_one_storage),
      T(test_anonymous_union_in_struct),
      T(test_struct_by_value_released_across_units),
      T(test_struct_by_value_to_opaque_escapes_good),
      T(test_tsfront_records_const_format_and_unions),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
