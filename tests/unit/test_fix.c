/*
 * test_fix.c - report/fix.c: from a FixSite and the source text to the
 * insertions, and the refusals (a macro exit, a holder out of scope, an
 * exit after something that is not a statement boundary).
 *
 * Sites are built by hand over sources held in a SourceCache
 * (srccache_put), so these tests do not depend on the engine; the engine's
 * side (which sites it records) is tested end to end in tests/e2e/fixes.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fix.h"

#include <string.h>

/* The text after applying fix_make's edits for a site whose holder is
   declared at (dl, dc) and whose exit is at (el, ec); NULL when refused. */
static const char *fixed(Arena *a, const char *src, int dl, int dc, int el, int ec,
                         FixExitKind kind) {
  SourceCache sc;
  srccache_init(&sc);
  SourceFile *f = srccache_put(&sc, "t.c", src, strlen(src));
  FixSite site = {.release = "close",
                  .holder = "fd",
                  .holder_decl = {"t.c", dl, dc},
                  .exit = {"t.c", el, ec},
                  .exit_kind = kind};
  Finding fd = {.fixes = &site, .nfixes = 1};
  Fix fix;
  const char *out = NULL;
  if (fix_make(&fd, f, a, &fix)) {
    Buf b = {0};
    size_t at = 0;
    for (int i = 0; i < fix.nedits; i++) {
      buf_puts(a, &b, arena_strndup(a, src + at, fix.edits[i].offset - at));
      buf_puts(a, &b, fix.edits[i].text);
      at = fix.edits[i].offset;
    }
    buf_puts(a, &b, src + at);
    out = buf_str(a, &b);
  }
  srccache_free(&sc);
  return out;
}

static void test_own_statement(void **state) {
  Arena a;
  arena_init(&a);
  const char *s = "int f(void) {\n  int fd = open();\n  if (x) {\n    return -1;\n  }\n}\n";
  assert_string_equal(fixed(&a, s, 2, 7, 4, 5, FIX_EXIT_RETURN),
                      "int f(void) {\n  int fd = open();\n  if (x) {\n    close(fd);\n"
                      "    return -1;\n  }\n}\n");
  /* After a label, and after another statement on the same line. */
  s = "void f(void) {\n  int fd = open();\nout: return;\n}\n";
  assert_string_equal(fixed(&a, s, 2, 7, 3, 6, FIX_EXIT_RETURN),
                      "void f(void) {\n  int fd = open();\nout: close(fd); return;\n}\n");
  arena_free(&a);
}

static void test_lone_body_gets_braces(void **state) {
  Arena a;
  arena_init(&a);
  const char *s = "int f(void) {\n  int fd = open();\n  if (x)\n    return -1;\n  return 0;\n}\n";
  assert_string_equal(fixed(&a, s, 2, 7, 4, 5, FIX_EXIT_RETURN),
                      "int f(void) {\n  int fd = open();\n  if (x) {\n    close(fd);\n"
                      "    return -1;\n  }\n  return 0;\n}\n");
  s = "int f(void) {\n  int fd = open();\n  if (x) goto out; /* ; */\nout:\n  return 0;\n}\n";
  assert_string_equal(fixed(&a, s, 2, 7, 3, 10, FIX_EXIT_GOTO),
                      "int f(void) {\n  int fd = open();\n  if (x) { close(fd); goto out; } /* ; */"
                      "\nout:\n  return 0;\n}\n");
  s = "int f(void) {\n  int fd = open();\n  if (x) y(); else return -1;\n}\n";
  assert_string_equal(
      fixed(&a, s, 2, 7, 3, 20, FIX_EXIT_RETURN),
      "int f(void) {\n  int fd = open();\n  if (x) y(); else { close(fd); return -1; }"
      "\n}\n");
  arena_free(&a);
}

static void test_refusals(void **state) {
  Arena a;
  arena_init(&a);
  /* The exit is a macro's expansion: no `return` written there. */
  const char *s = "int f(void) {\n  int fd = open();\n  if (x) { FAIL; }\n}\n";
  assert_null(fixed(&a, s, 2, 7, 3, 12, FIX_EXIT_RETURN));
  /* The holder's block closed before the exit. */
  s = "int f(void) {\n  {\n    int fd = open();\n  }\n  return -1;\n}\n";
  assert_null(fixed(&a, s, 3, 9, 5, 3, FIX_EXIT_RETURN));
  /* A `}` inside a comment or string does not count as closing it. */
  s = "int f(void) {\n  int fd = open(\"}\"); /* } */\n  return -1;\n}\n";
  assert_non_null(fixed(&a, s, 2, 7, 3, 3, FIX_EXIT_RETURN));
  /* Not after a statement boundary (`x = cond ? ... :` cannot hold a
     return, but a comma expression or an unknown context must not be
     guessed at). */
  s = "int f(void) {\n  int fd = open(), y = 1,\n  return -1;\n}\n";
  assert_null(fixed(&a, s, 2, 7, 3, 3, FIX_EXIT_RETURN));
  /* An identifier that merely ends in "else". */
  s = "int f(void) {\n  int fd = open();\n  do_else return -1;\n}\n";
  assert_null(fixed(&a, s, 2, 7, 3, 11, FIX_EXIT_RETURN));
  /* The kind of exit must match the keyword. */
  s = "int f(void) {\n  int fd = open();\n  return -1;\n}\n";
  assert_null(fixed(&a, s, 2, 7, 3, 3, FIX_EXIT_GOTO));
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_own_statement),
      cmocka_unit_test(test_lone_body_gets_braces),
      cmocka_unit_test(test_refusals),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
