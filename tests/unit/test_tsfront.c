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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_constants_match_headers),
      cmocka_unit_test(test_broken_text_keeps_functions),
      cmocka_unit_test(test_garbage_is_not_a_crash),
      cmocka_unit_test(test_declarations_give_types),
      cmocka_unit_test(test_noreturn_and_decls),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
