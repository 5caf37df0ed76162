/*
 * test_robust.c - the pieces behind issue 14, one by one: clang-style
 * escaping for text output, arenas and units inside a fixed region, the
 * parse in worker processes (results, time limit, memory cap, a unit
 * that fails beside ones that do not), and the lowering depth limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "escape.h"
#include "frontend.h"
#include "isolate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_escape(void **state) {
  Arena a;
  arena_init(&a);
  assert_string_equal(text_escape_str(&a, "plain text"), "plain text");
  assert_string_equal(text_escape_str(&a, "a\033[2Jb"), "a<U+001B>[2Jb");
  assert_string_equal(text_escape_str(&a, "line\nbreak\r"), "line<U+000A>break<U+000D>");
  assert_string_equal(text_escape_str(&a, "tab\tkept"), "tab\tkept");
  assert_string_equal(text_escape_str(&a, "del\x7f"), "del<U+007F>");
  /* UTF-8 stays, C1 controls written in UTF-8 do not, bad bytes are hex. */
  assert_string_equal(text_escape_str(&a, "caf\xc3\xa9"), "caf\xc3\xa9");
  assert_string_equal(text_escape_str(&a, "\xc2\x9b"
                                          "2J"),
                      "<U+009B>2J");
  assert_string_equal(text_escape_str(&a, "\xff\xfe"), "<FF><FE>");
  assert_string_equal(text_escape_str(&a, "\xc0\xaf"), "<C0><AF>");         /* overlong '/' */
  assert_string_equal(text_escape_str(&a, "\xed\xa0\x80"), "<ED><A0><80>"); /* surrogate */
  assert_string_equal(text_escape_str(&a, "\xe2\x82"), "<E2><82>");         /* cut short */
  assert_null(text_escape_str(&a, NULL));
  size_t len;
  assert_int_equal(text_escape_width("\033x", 2, &len), 8);
  assert_int_equal(len, 1);
  assert_int_equal(text_escape_width("\xc3\xa9", 2, &len), 1);
  assert_int_equal(len, 2);
  assert_int_equal(text_escape_width("\xff", 1, &len), 4);
  arena_free(&a);
}

static void test_region(void **state) {
  static unsigned char block[64 * 1024];
  ArenaRegion r = {block, sizeof block, 0};
  Unit *u = unit_new_in("x.c", &r);
  assert_true((unsigned char *)u >= block && (unsigned char *)u < block + sizeof block);
  char *s = arena_strdup(&u->arena, "in the block");
  assert_true((unsigned char *)s >= block && (unsigned char *)s < block + sizeof block);
  assert_true(u->path >= (char *)block && u->path < (char *)block + sizeof block);
  unit_delete(u); /* frees nothing, and must not call free() on the block */
  /* Full: NULL, not memory past the end. */
  ArenaRegion small = {block, 64, 0};
  assert_non_null(region_alloc(&small, 32));
  assert_null(region_alloc(&small, 64));
}

static const char *scratch_file(const char *name, const char *text) {
  static char path[8][512];
  static int k;
  char *p = path[k++ % 8];
  snprintf(p, 512, "%s/robust_%s", CONNLINT_BINARY_DIR, name);
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return p;
}

static const char leak_c[] = "#include <fcntl.h>\nint f(const char *p) {\n  int fd = open(p, 0);\n"
                             "  if (fd < 0) return -1;\n  return 0;\n}\n";

static char *macro_bomb(void) {
  static char text[4096];
  int n = snprintf(text, sizeof text, "#define A0 x\n");
  for (int i = 1; i < 30; i++)
    n += snprintf(text + n, sizeof text - (size_t)n, "#define A%d A%d+A%d+A%d+A%d\n", i, i - 1,
                  i - 1, i - 1, i - 1);
  snprintf(text + n, sizeof text - (size_t)n, "int f(int x) { return A29; }\n");
  return text;
}

/* The simplest hooks: libclang alone, as the driver's --frontend=clang. */
typedef struct TestFronts {
  const JobList *jl;
  Frontend *fe;
} TestFronts;

static void *fronts_new(void *ctx) {
  TestFronts *f = calloc(1, sizeof *f);
  f->jl = ctx;
  f->fe = frontend_new();
  return f;
}

static void fronts_parse(void *w, int i, ArenaRegion *region, Parsed *out) {
  TestFronts *f = w;
  const Job *j = &f->jl->jobs[i];
  frontend_set_region(f->fe, region);
  out->status = frontend_parse(f->fe, j->file, j->args, j->nargs, j->dir, &out->unit, out->why,
                               (int)sizeof out->why);
}

static void fronts_delete(void *w) {
  TestFronts *f = w;
  frontend_delete(f->fe);
  free(f);
}

static void run_jobs(const char **files, int n, IsolateOptions *o, Parsed *out, Isolate **iso,
                     JobList *jl) {
  joblist_init(jl);
  compdb_add_files(jl, (char *const *)files, n, NULL, 0);
  memset(out, 0, sizeof(Parsed) * (size_t)n);
  ParseHooks h = {jl, fronts_new, fronts_parse, fronts_delete};
  *iso = isolate_parse(jl, o, &h, out);
}

static void test_workers(void **state) {
  const char *files[] = {scratch_file("a.c", leak_c), scratch_file("bomb.c", macro_bomb()),
                         scratch_file("b.c", leak_c), "/nonexistent/c.c"};
  IsolateOptions o = {.jobs = 2, .timeout = 2};
  Parsed out[4];
  JobList jl;
  Isolate *iso;
  run_jobs(files, 4, &o, out, &iso, &jl);
  /* The units built in the workers are readable here, as is. */
  for (int i = 0; i < 3; i += 2) {
    assert_non_null(out[i].unit);
    assert_int_equal(out[i].unit->nfuncs, 1);
    assert_string_equal(out[i].unit->funcs[0]->name, "f");
    assert_true(out[i].unit->funcs[0]->nblocks > 1);
  }
  assert_null(out[1].unit);
  assert_true(out[1].cut);
  assert_non_null(strstr(out[1].why, "time limit (2 s, --timeout)"));
  assert_null(out[3].unit);
  assert_int_equal(out[3].status, FE_NO_FILE);
  assert_false(out[3].cut);
  for (int i = 0; i < 4; i++)
    unit_delete(out[i].unit);
  isolate_delete(iso);
  joblist_free(&jl);

  /* The memory cap, the same way. */
  IsolateOptions m = {.jobs = 1, .mem_limit = 128u << 20};
  run_jobs(files, 3, &m, out, &iso, &jl);
  assert_non_null(out[0].unit);
  assert_null(out[1].unit);
  assert_non_null(strstr(out[1].why, "memory cap (128 MiB"));
  assert_non_null(out[2].unit); /* a new worker took the next job */
  for (int i = 0; i < 3; i++)
    unit_delete(out[i].unit);
  isolate_delete(iso);
  joblist_free(&jl);

  /* In process: the same units, without limits. */
  IsolateOptions p = {.jobs = 2, .in_process = true};
  const char *two[] = {files[0], files[2]};
  run_jobs(two, 2, &p, out, &iso, &jl);
  assert_non_null(out[0].unit);
  assert_non_null(out[1].unit);
  unit_delete(out[0].unit);
  unit_delete(out[1].unit);
  isolate_delete(iso);
  joblist_free(&jl);
}

static void parse_deep(void *arg) {
  int depth = *(int *)arg;
  size_t cap = (size_t)depth * 8 + 100;
  char *code = malloc(cap);
  size_t n = (size_t)snprintf(code, cap, "int f(int x) {\n");
  for (int i = 0; i < depth; i++)
    n += (size_t)snprintf(code + n, cap - n, "if (x) ");
  snprintf(code + n, cap - n, "return 1;\nreturn 0;\n}\n");
  setenv("LIBCLANG_NOTHREADS", "1", 1); /* parse on this big stack */
  Frontend *fe = frontend_new();
  Unit *u;
  assert_int_equal(frontend_parse_string(fe, "deep.c", code, NULL, 0, &u), FE_OK);
  if (depth > 2000) {
    assert_int_equal(u->nfuncs, 0);
    assert_int_equal(u->ndiags, 1);
    assert_non_null(strstr(u->diags[0]->msg, "more than 2000 levels deep"));
  } else {
    assert_int_equal(u->nfuncs, 1);
  }
  unit_delete(u);
  frontend_delete(fe);
  unsetenv("LIBCLANG_NOTHREADS");
  free(code);
}

static void test_depth_limit(void **state) {
  int shallow = 1500, deep = 5400;
  run_on_big_stack(parse_deep, &shallow, BIG_STACK);
  run_on_big_stack(parse_deep, &deep, BIG_STACK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escape),
      cmocka_unit_test(test_region),
      cmocka_unit_test(test_workers),
      cmocka_unit_test(test_depth_limit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
