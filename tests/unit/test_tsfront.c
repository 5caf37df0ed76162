/*
 * test_tsfront.c - the tree-sitter front end on its own: the constants it
 * knows against the real headers, units from broken text, and the policy
 * for what only a preprocessor could decide.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka after the standard headers it needs. */
#include <cmocka.h>

#include "tsfront.h"
#include "tsfront_int.h"

#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grpc/grpc.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <microhttpd.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define KNOWN(x)                                                                                   \
  do {                                                                                             \
    long v = 12345;                                                                                \
    assert_true(ts_known_constant(#x, &v));                                                        \
    assert_int_equal(v, (long)(x));                                                                \
  } while (0)

static void test_constants_match_headers(void **state) {
  KNOWN(EOF);
  KNOWN(EXIT_SUCCESS);
  KNOWN(EXIT_FAILURE);
  KNOWN(STDIN_FILENO);
  KNOWN(STDOUT_FILENO);
  KNOWN(STDERR_FILENO);
  KNOWN(MAP_FAILED);
  KNOWN(SEEK_SET);
  KNOWN(F_SETFD);
  KNOWN(DT_REG);
  KNOWN(DT_DIR);
  KNOWN(EINTR);
  KNOWN(EAGAIN);
  KNOWN(ENOENT);
  KNOWN(EEXIST);
  KNOWN(PTHREAD_CREATE_DETACHED);
  KNOWN(PTHREAD_CREATE_JOINABLE);
  KNOWN(SIG_ERR);
  KNOWN(SQLITE_OK);
  KNOWN(SQLITE_ROW);
  KNOWN(SQLITE_DONE);
  KNOWN(SQLITE_BUSY);
  KNOWN(CURLE_OK);
  KNOWN(CURLM_OK);
  KNOWN(CURLSHE_OK);
  KNOWN(CURLUE_OK);
  KNOWN(CURLMSG_DONE);
  KNOWN(PGRES_COMMAND_OK);
  KNOWN(PGRES_TUPLES_OK);
  KNOWN(PGRES_FATAL_ERROR);
  KNOWN(CONNECTION_OK);
  KNOWN(CONNECTION_BAD);
  KNOWN(PGRES_POLLING_OK);
  KNOWN(PGRES_POLLING_FAILED);
  KNOWN(REDIS_OK);
  KNOWN(REDIS_ERR);
  KNOWN(REDIS_REPLY_ERROR);
  KNOWN(REDIS_REPLY_NIL);
  KNOWN(MHD_YES);
  KNOWN(MHD_NO);
  KNOWN(GRPC_CALL_OK);
  KNOWN(GRPC_OP_COMPLETE);
  KNOWN(GRPC_QUEUE_SHUTDOWN);
  KNOWN(SSL_ERROR_NONE);
  KNOWN(X509_V_OK);
  long v;
  assert_false(ts_known_constant("AF_INET", &v)); /* only what success tests use */
}

static Unit *parse(const char *code) {
  TsFrontend *ts = tsfront_new(NULL);
  assert_non_null(ts);
  Unit *u = tsfront_parse_string(ts, "snippet.c", code, strlen(code));
  tsfront_delete(ts);
  return u;
}

static int count_errors(const Unit *u) {
  int n = 0;
  for (int i = 0; i < u->ndiags; i++)
    n += u->diags[i]->level == DIAG_ERROR;
  return n;
}

static void test_broken_text_keeps_functions(void **state) {
  Unit *u = parse("int ok(int fd) { return close(fd); }\n"
                  "int broken(int fd) { if (fd < 0 { return -1; } return fd; }\n"
                  "int after(void) { return 0; }\n");
  assert_true(count_errors(u) >= 1);
  assert_int_equal(u->nfuncs, 3);
  unit_delete(u);
}

static void test_garbage_is_not_a_crash(void **state) {
  char junk[4096];
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (char)((i * 131 + 7) % 251 + 1);
  junk[sizeof junk - 1] = 0;
  Unit *u = parse(junk);
  assert_non_null(u);
  unit_delete(u);
}

static void test_declarations_give_types(void **state) {
  Unit *u = parse("typedef struct conn *conn_ref;\n"
                  "int f(conn_ref c, size_t n, thing_t t, handle_t h, char buf[8]) {\n"
                  "  if (h == NULL) return 0;\n"
                  "  return c->fd + (int)n + t.x;\n"
                  "}\n");
  assert_int_equal(u->nfuncs, 1);
  const Func *f = u->funcs[0];
  assert_int_equal(f->nparams, 5);
  assert_int_equal(f->vars[0]->type, TY_POINTER); /* the file's typedef */
  assert_int_equal(f->vars[1]->type, TY_INT);     /* a standard typedef */
  assert_true(f->vars[1]->is_unsigned);
  assert_int_equal(f->vars[2]->type, TY_OTHER);   /* nothing says */
  assert_int_equal(f->vars[3]->type, TY_POINTER); /* compared with NULL */
  assert_int_equal(f->vars[4]->type, TY_POINTER); /* an array parameter */
  unit_delete(u);
}

static void test_noreturn_and_decls(void **state) {
  Unit *u = parse("_Noreturn void die(const char *m);\n"
                  "static int helper(int a, int b) { return a + b; }\n"
                  "int f(int x) { if (x < 0) die(\"neg\"); return helper(x, 1); }\n");
  FuncDecl *die = unit_find_decl(u, "die"), *helper = unit_find_decl(u, "helper");
  assert_non_null(die);
  assert_true(die->noreturn);
  assert_false(die->has_body);
  assert_non_null(helper);
  assert_true(helper->has_body);
  assert_int_equal(helper->nparams, 2);
  unit_delete(u);
}

/* ---- Function pointers (ts_fnptr.c) ----------------------------------- */

/* f's variable `name`; of several (a block's int hiding a file's hook),
   the function-pointer one. */
static const Var *var_in(const Func *f, const char *name) {
  const Var *found = NULL;
  for (int i = 0; i < f->nvars; i++)
    if (strcmp(f->vars[i]->name, name) == 0 && (!found || f->vars[i]->fn_targets))
      found = f->vars[i];
  return found;
}

static const Func *func_in(const Unit *u, const char *name) {
  for (int i = 0; i < u->nfuncs; i++)
    if (strcmp(u->funcs[i]->name, name) == 0) return u->funcs[i];
  return NULL;
}

/* The targets of f's variable `name` as "a|b", "?" appended when unknown,
   "-" for a variable that is not tracked. */
static const char *held(const Unit *u, const char *func, const char *name, char *buf) {
  const Func *f = func_in(u, func);
  assert_non_null(f);
  const Var *v = var_in(f, name);
  assert_non_null(v);
  const FnTargets *t = v->fn_targets;
  if (!t) return "-";
  buf[0] = 0;
  for (int i = 0; i < t->ntargets; i++) {
    if (i) strcat(buf, "|");
    strcat(buf, t->targets[i]);
  }
  if (t->unknown) strcat(buf, t->ntargets ? "|?" : "?");
  return buf;
}

static void test_fnptr_declarations_and_stores(void **state) {
  Unit *u = parse("typedef void (*hook_fn)(int);\n"
                  "typedef int close_fn(int);\n"
                  "static void a(int x) { (void)x; }\n"
                  "static void b(int x) { (void)x; }\n"
                  "static hook_fn g = a;\n"
                  "void (*exported)(int);\n"
                  "static void (*table[2])(int);\n"
                  "void f(int q, void (*given)(int)) {\n"
                  "  hook_fn *hp = &g;\n"
                  "  close_fn *c = q ? (close_fn *)close : NULL;\n"
                  "  static void (*once)(int) = &b;\n"
                  "  void (*from)(int) = given;\n"
                  "  void (*nothing)(int) = 0;\n"
                  "  exported = b;\n"
                  "  {\n"
                  "    int g = 3;\n"
                  "    g = q;\n"
                  "  }\n"
                  "  g(1); once(1); from(1); nothing(1); table[0](1); (*hp)(1); c(2); given(3);\n"
                  "}\n");
  char buf[256];
  assert_string_equal(held(u, "f", "g", buf), "a|?");   /* &g: stored through hp */
  assert_string_equal(held(u, "f", "c", buf), "close"); /* a header's function, cast */
  assert_string_equal(held(u, "f", "once", buf), "b");
  assert_string_equal(held(u, "f", "from", buf), "?"); /* a parameter's value */
  assert_string_equal(held(u, "f", "nothing", buf), "");
  assert_string_equal(held(u, "f", "exported", buf), "b");
  assert_string_equal(held(u, "f", "hp", buf), "-");    /* a pointer to a pointer */
  assert_string_equal(held(u, "f", "given", buf), "-"); /* parameters are not tracked */
  assert_string_equal(held(u, "f", "table", buf), "-"); /* an array */
  /* The block's int g is not the file's hook: `g = q` stores nothing there. */
  int ng = 0;
  for (int i = 0; i < u->nfnptrs; i++) {
    const FnTargets *t = u->fnptrs[i];
    if (strcmp(t->name, "g") == 0) {
      ng++;
      assert_false(t->is_extern);
      assert_int_equal(t->ntargets, 1);
    }
    if (strcmp(t->name, "exported") == 0) assert_true(t->is_extern);
    if (strcmp(t->name, "once") == 0) assert_false(t->is_extern);
  }
  assert_int_equal(ng, 1);
  /* close is read as the header's function, as libclang reads it. */
  assert_non_null(unit_find_decl(u, "close"));
  unit_delete(u);
}

static void test_fnptr_scopes_and_macros(void **state) {
  Unit *u = parse("#define SET_HOOK(h, f) ((h) = (f))\n"
                  "#define RESET() (quiet_hook = 0)\n"
                  "#define DEFAULT_HOOK b\n"
                  "static void a(int x) { (void)x; }\n"
                  "static void b(int x) { (void)x; }\n"
                  "static void (*macro_set)(int) = a;\n"
                  "static void (*quiet_hook)(int) = a;\n"
                  "static void (*by_name)(int) = DEFAULT_HOOK;\n"
                  "static void (*passed_out)(int) = a;\n"
                  "static void (*passed_in)(int) = a;\n"
                  "static void (*shadowed)(int) = a;\n"
                  "void keep(void (*fp)(int));\n"
                  "void f(void) {\n"
                  "  SET_HOOK(macro_set, b);\n"
                  "  register_hook(passed_out);\n"
                  "  keep(passed_in);\n"
                  "  { void (*shadowed)(int) = b; shadowed(1); }\n"
                  "  macro_set(1); quiet_hook(1); by_name(1); passed_out(1); passed_in(1);\n"
                  "  shadowed(2);\n"
                  "}\n");
  char buf[256];
  assert_string_equal(held(u, "f", "macro_set", buf), "a|?");  /* the macro assigns h */
  assert_string_equal(held(u, "f", "quiet_hook", buf), "a|?"); /* a macro body assigns it */
  assert_string_equal(held(u, "f", "by_name", buf), "b");      /* the function it names */
  assert_string_equal(held(u, "f", "passed_out", buf), "a|?"); /* a header's macro, maybe */
  assert_string_equal(held(u, "f", "passed_in", buf), "a");    /* a function gets a copy */
  /* Two variables named shadowed: the block's holds b, the file's a. */
  const Func *f = func_in(u, "f");
  int seen = 0;
  for (int i = 0; i < f->nvars; i++) {
    const Var *v = f->vars[i];
    if (strcmp(v->name, "shadowed") != 0) continue;
    assert_non_null(v->fn_targets);
    assert_int_equal(v->fn_targets->ntargets, 1);
    assert_string_equal(v->fn_targets->targets[0], v->kind == VAR_LOCAL ? "b" : "a");
    seen++;
  }
  assert_int_equal(seen, 2);
  unit_delete(u);
}

static void test_fnptr_unparsed_text_is_unknown(void **state) {
  Unit *u = parse("static void a(int x) { (void)x; }\n"
                  "static void (*hook)(int) = a;\n"
                  "void f(int q) {\n"
                  "  for (hook b c) ;\n"
                  "  hook(q);\n"
                  "}\n");
  char buf[256];
  assert_true(count_errors(u) >= 1);
  assert_string_equal(held(u, "f", "hook", buf), "a|?");
  unit_delete(u);
}

static const Stmt *call_in(const Func *f, const char *text) {
  for (int i = 0; i < f->nblocks; i++)
    for (int j = 0; j < f->blocks[i]->nstmts; j++) {
      const Stmt *s = f->blocks[i]->stmts[j];
      if (s->kind == STMT_CALL && strcmp(s->text, text) == 0) return s;
    }
  return NULL;
}

static void test_fnptr_calls(void **state) {
  Unit *u = parse("struct hooks { void *(*alloc)(unsigned long); };\n"
                  "typedef struct { void (*done)(void *); } anon_t;\n"
                  "typedef struct hooks hooks_t;\n"
                  "struct config { hooks_t *hooks; anon_t cb; };\n"
                  "void (*fp)(int);\n"
                  "void f(struct config cfg, struct hooks *h, void **vt) {\n"
                  "  fp(1);\n"
                  "  (*fp)(2);\n"
                  "  void *p = cfg.hooks->alloc(8);\n"
                  "  h->alloc(4);\n"
                  "  cfg.cb.done(p);\n"
                  "  ((void (*)(void))vt[0])();\n"
                  "}\n");
  const Func *f = func_in(u, "f");
  assert_non_null(f);
  const Stmt *s = call_in(f, "fp(1)");
  assert_non_null(s);
  assert_null(s->callee);
  assert_string_equal(s->fnvar->name, "fp");
  assert_string_equal(s->fnptr_path, "fp");
  assert_null(s->fnptr_member);
  s = call_in(f, "(*fp)(2)");
  assert_string_equal(s->fnvar->name, "fp");
  s = call_in(f, "cfg.hooks->alloc(8)");
  assert_null(s->fnvar);
  assert_string_equal(s->fnptr_path, "cfg.hooks.alloc");
  assert_string_equal(s->fnptr_member, "hooks.alloc"); /* through the typedef */
  s = call_in(f, "h->alloc(4)");
  assert_string_equal(s->fnptr_path, "h.alloc");
  assert_string_equal(s->fnptr_member, "hooks.alloc");
  s = call_in(f, "cfg.cb.done(p)");
  assert_string_equal(s->fnptr_path, "cfg.cb.done");
  assert_null(s->fnptr_member); /* an anonymous struct has no name to match */
  s = call_in(f, "((void (*)(void))vt[0])()");
  assert_non_null(s);
  assert_null(s->fnvar);
  assert_null(s->fnptr_member);
  unit_delete(u);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_constants_match_headers),
      cmocka_unit_test(test_broken_text_keeps_functions),
      cmocka_unit_test(test_garbage_is_not_a_crash),
      cmocka_unit_test(test_declarations_give_types),
      cmocka_unit_test(test_noreturn_and_decls),
      cmocka_unit_test(test_fnptr_declarations_and_stores),
      cmocka_unit_test(test_fnptr_scopes_and_macros),
      cmocka_unit_test(test_fnptr_unparsed_text_is_unknown),
      cmocka_unit_test(test_fnptr_calls),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
