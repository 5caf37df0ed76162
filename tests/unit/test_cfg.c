/*
 * test_cfg.c - the front end's CFG shape for every C construct it lowers.
 *
 * Each test lowers a snippet with frontend_parse_string and checks the
 * blocks, terminators, statements and conditions the engine will see.
 * Expressions and paths are compared in their printed form (ir.c), which
 * keeps assertions short and readable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "frontend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static Frontend *fe;
static Unit *unit;
static Arena pa; /* printing */

static int setup(void **state) {
  fe = frontend_new();
  arena_init(&pa);
  return fe ? 0 : -1;
}

static int teardown(void **state) {
  frontend_delete(fe);
  arena_free(&pa);
  return 0;
}

static int drop_unit(void **state) {
  unit_delete(unit);
  unit = NULL;
  return 0;
}

/* ---- Helpers ------------------------------------------------------------- */

static Unit *parse(const char *code) {
  unit_delete(unit);
  unit = NULL;
  assert_int_equal(frontend_parse_string(fe, "t.c", code, NULL, 0, &unit), FE_OK);
  assert_non_null(unit);
  return unit;
}

static Func *func(const char *name) {
  for (int i = 0; i < unit->nfuncs; i++)
    if (strcmp(unit->funcs[i]->name, name) == 0) return unit->funcs[i];
  fail_msg("function %s not lowered", name);
  return NULL;
}

static Func *lower1(const char *code, const char *name) {
  parse(code);
  return func(name);
}

static const char *ps(const Path *p) {
  Buf b = {0};
  path_print(&pa, &b, p);
  return buf_str(&pa, &b);
}

static const char *es(const Expr *e) {
  Buf b = {0};
  expr_print(&pa, &b, e);
  return buf_str(&pa, &b);
}

static const char *ss(const Stmt *s) {
  Buf b = {0};
  stmt_print(&pa, &b, s);
  return buf_str(&pa, &b);
}

/* Operators in operands get parentheses, as in the dump. */
static const char *operand(const Expr *e) {
  bool paren = e->kind == EXPR_OP || e->kind == EXPR_CMP;
  return arena_printf(&pa, paren ? "(%s)" : "%s", es(e));
}

static const char *cond(const Block *b) {
  assert_int_equal(b->term.kind, TERM_BRANCH);
  return arena_printf(&pa, "%s %s %s", operand(b->term.lhs), cmp_op_str(b->term.cmp),
                      operand(b->term.rhs));
}

static const char *dump(const Func *f) {
  Buf b = {0};
  ir_dump_text(&pa, &b, f);
  return buf_str(&pa, &b);
}

static Block *succ(const Block *b, int i) {
  assert_true(i < b->term.nsucc);
  return b->term.succ[i];
}

/* The entry block stays free of predecessors: a function that starts with
   a loop enters it through one jump. */
static Block *first(const Func *f) {
  Block *b = f->blocks[0];
  return b->nstmts == 0 && b->term.kind == TERM_JUMP ? succ(b, 0) : b;
}

/* The block holding the first call to `callee`, and the call. */
static Stmt *find_call(const Func *f, const char *callee, Block **in) {
  for (int i = 0; i < f->nblocks; i++)
    for (int j = 0; j < f->blocks[i]->nstmts; j++) {
      Stmt *s = f->blocks[i]->stmts[j];
      if (s->kind == STMT_CALL && s->callee && strcmp(s->callee, callee) == 0) {
        if (in) *in = f->blocks[i];
        return s;
      }
    }
  fail_msg("no call to %s", callee);
  return NULL;
}

static int count_calls(const Func *f, const char *callee) {
  int n = 0;
  for (int i = 0; i < f->nblocks; i++)
    for (int j = 0; j < f->blocks[i]->nstmts; j++) {
      Stmt *s = f->blocks[i]->stmts[j];
      n += s->kind == STMT_CALL && s->callee && strcmp(s->callee, callee) == 0;
    }
  return n;
}

/* Statement i of block b printed, e.g. "c.fd = fd". */
static const char *stmt_at(const Block *b, int i) {
  assert_true(i < b->nstmts);
  return ss(b->stmts[i]);
}

static int count_terms(const Func *f, TermKind k) {
  int n = 0;
  for (int i = 0; i < f->nblocks; i++)
    n += f->blocks[i]->term.kind == k;
  return n;
}

static Var *var(const Func *f, const char *name) {
  for (int i = 0; i < f->nvars; i++)
    if (strcmp(f->vars[i]->name, name) == 0) return f->vars[i];
  fail_msg("no variable %s", name);
  return NULL;
}

/* Every block but the exits has successors, and ids match positions. */
static void check_wellformed(const Func *f) {
  for (int i = 0; i < f->nblocks; i++) {
    const Block *b = f->blocks[i];
    assert_int_equal(b->id, i);
    if (b->term.kind == TERM_JUMP) assert_true(b->term.nsucc >= 1);
    if (b->term.kind == TERM_BRANCH) assert_int_equal(b->term.nsucc, 2);
    for (int j = 0; j < b->term.nsucc; j++) {
      const Block *s = b->term.succ[j];
      bool found = false;
      for (int k = 0; k < s->npreds; k++)
        found |= s->preds[k] == b;
      assert_true(found);
    }
  }
}

/* ---- if / else, conditions ----------------------------------------------- */

static void test_if_else(void **state) {
  Func *f = lower1("int f(int x) { if (x) return 1; else return 2; }", "f");
  check_wellformed(f);
  assert_int_equal(f->nblocks, 3);
  assert_string_equal(cond(f->blocks[0]), "x != 0");
  Block *t = succ(f->blocks[0], 0), *e = succ(f->blocks[0], 1);
  assert_int_equal(t->term.kind, TERM_RETURN);
  assert_string_equal(es(t->term.value), "1");
  assert_string_equal(es(e->term.value), "2");
  /* return terms carry the `return` keyword's location */
  assert_int_equal(t->term.loc.line, 1);
  assert_int_equal(t->term.loc.col, 23);
}

static void test_if_join(void **state) {
  Func *f = lower1("void g(void); void f(int x) { if (x > 3) g(); g(); }", "f");
  check_wellformed(f);
  assert_int_equal(f->nblocks, 3);
  assert_string_equal(cond(f->blocks[0]), "x > 3");
  Block *t = succ(f->blocks[0], 0), *j = succ(f->blocks[0], 1);
  assert_int_equal(t->nstmts, 1);
  assert_ptr_equal(succ(t, 0), j);
  assert_int_equal(j->npreds, 2);
  /* implicit return of a void function at its closing brace */
  assert_int_equal(j->term.kind, TERM_RETURN);
  assert_null(j->term.value);
  assert_int_equal(j->term.loc.col, 52);
  assert_int_equal(f->end.col, 52);
}

static void test_not_swaps(void **state) {
  Func *f = lower1("int f(char *p) { if (!p) return 1; return 0; }", "f");
  check_wellformed(f);
  assert_string_equal(cond(f->blocks[0]), "p != NULL");
  assert_true(f->blocks[0]->term.rhs->is_null);
  /* false edge: p is null, returns 1 */
  assert_string_equal(es(succ(f->blocks[0], 1)->term.value), "1");
  assert_string_equal(es(succ(f->blocks[0], 0)->term.value), "0");
}

static void test_and_or_short_circuit(void **state) {
  Func *f = lower1("void g(void); void f(int a, int b) { if (a && b) g(); }", "f");
  check_wellformed(f);
  Block *b0 = f->blocks[0];
  assert_string_equal(cond(b0), "a != 0");
  Block *mid = succ(b0, 0), *join = succ(b0, 1);
  assert_string_equal(cond(mid), "b != 0");
  assert_ptr_equal(succ(mid, 1), join);
  assert_string_equal(stmt_at(succ(mid, 0), 0), "g()");

  f = lower1("void g(void); void f(int a, int b) { if (a || !b) g(); }", "f");
  check_wellformed(f);
  b0 = f->blocks[0];
  assert_string_equal(cond(b0), "a != 0");
  Block *call = succ(b0, 0);
  mid = succ(b0, 1);
  assert_string_equal(cond(mid), "b != 0");
  assert_ptr_equal(succ(mid, 1), call); /* !b true: b == 0 */
  assert_string_equal(stmt_at(call, 0), "g()");
}

static void test_assign_in_condition(void **state) {
  Func *f = lower1("int open(const char *, int);\n"
                   "int f(void) { int fd; if ((fd = open(\"x\", 0)) < 0) return -1; return fd; }",
                   "f");
  check_wellformed(f);
  Block *b0 = f->blocks[0];
  assert_int_equal(b0->nstmts, 1);
  Stmt *s = b0->stmts[0];
  assert_int_equal(s->kind, STMT_CALL);
  assert_string_equal(s->callee, "open");
  assert_string_equal(ps(s->lhs), "fd");
  assert_string_equal(cond(b0), "fd < 0");
  assert_string_equal(es(succ(b0, 0)->term.value), "-1");
}

static void test_call_in_condition(void **state) {
  Func *f = lower1("int connect(int);\n"
                   "int f(int fd) { if (connect(fd) < 0) return 1; if (connect(fd)) return 2; "
                   "return 0; }",
                   "f");
  check_wellformed(f);
  Block *b0 = f->blocks[0];
  Stmt *s = b0->stmts[0];
  assert_string_equal(ss(s), "t1 = connect(fd)");
  assert_int_equal(s->lhs->var->kind, VAR_TEMP);
  assert_string_equal(s->lhs->var->origin_call, "connect");
  assert_string_equal(cond(b0), "t1 < 0");
  Block *b = succ(b0, 1);
  assert_string_equal(stmt_at(b, 0), "t2 = connect(fd)");
  assert_string_equal(cond(b), "t2 != 0");
}

static void test_non_comparison_condition(void **state) {
  Func *f = lower1("int f(int a, int b) { if (a + b) return 1; return 0; }", "f");
  assert_string_equal(cond(f->blocks[0]), "(a + b) != 0");
  assert_int_equal(f->blocks[0]->term.lhs->kind, EXPR_OP);
  /* constant on the left is moved right */
  f = lower1("int f(int *p) { if (0 == p) return 1; return 0; }", "f");
  assert_string_equal(cond(f->blocks[0]), "p == NULL");
}

static void test_constant_conditions(void **state) {
  Func *f = lower1("void g(void); void f(void) { while (1) g(); }", "f");
  check_wellformed(f);
  assert_int_equal(count_terms(f, TERM_BRANCH), 0);
  assert_int_equal(count_terms(f, TERM_RETURN), 0); /* the loop never exits */
  f = lower1("void g(void); void f(void) { do { g(); } while (0); }", "f");
  assert_int_equal(count_terms(f, TERM_BRANCH), 0);
  assert_int_equal(count_terms(f, TERM_RETURN), 1);
}

static void test_builtin_expect(void **state) {
  Func *f = lower1("#define unlikely(x) __builtin_expect(!!(x), 0)\n"
                   "int f(int fd) { if (unlikely(fd < 0)) return 1; return 0; }",
                   "f");
  assert_string_equal(cond(f->blocks[0]), "fd < 0");
  assert_int_equal(f->blocks[0]->nstmts, 0);
}

/* ---- loops --------------------------------------------------------------- */

static void test_while_read(void **state) {
  Func *f = lower1("long read(int, void *, unsigned long); void use(char *);\n"
                   "void f(int fd) { char b[64]; long n;\n"
                   "  while ((n = read(fd, b, sizeof b)) > 0) use(b); }",
                   "f");
  check_wellformed(f);
  Block *head;
  Stmt *s = find_call(f, "read", &head);
  assert_string_equal(ss(s), "n = read(fd, b, 64)");
  assert_string_equal(cond(head), "n > 0");
  Block *body = succ(head, 0);
  assert_string_equal(stmt_at(body, 0), "use(b)");
  assert_ptr_equal(succ(body, 0), head); /* back edge */
  assert_int_equal(succ(head, 1)->term.kind, TERM_RETURN);
}

static void test_for_break_continue(void **state) {
  Func *f =
      lower1("int g(int);\n"
             "int f(int n) { int s = 0;\n"
             "  for (int i = 0; i < n; i++) { if (g(i)) continue; if (i > 5) break; s += i; }\n"
             "  return s; }",
             "f");
  check_wellformed(f);
  assert_string_equal(stmt_at(f->blocks[0], 0), "s = 0");
  assert_string_equal(stmt_at(f->blocks[0], 1), "i = 0");
  Block *head = succ(f->blocks[0], 0);
  assert_string_equal(cond(head), "i < n");
  int breaks = 0, continues = 0;
  Block *inc = NULL;
  for (int i = 0; i < f->nblocks; i++) {
    const char *k = f->blocks[i]->term.jump_kind;
    if (k && strcmp(k, "break") == 0) {
      breaks++;
      assert_ptr_equal(succ(f->blocks[i], 0), succ(head, 1));
    }
    if (k && strcmp(k, "continue") == 0) {
      continues++;
      inc = succ(f->blocks[i], 0);
    }
  }
  assert_int_equal(breaks, 1);
  assert_int_equal(continues, 1);
  assert_string_equal(stmt_at(inc, 0), "i = i + 1");
  assert_ptr_equal(succ(inc, 0), head);
  assert_string_equal(es(succ(head, 1)->term.value), "s");
}

static void test_for_missing_parts(void **state) {
  Func *f = lower1("int g(void);\nvoid f(int n) { for (; n; ) g(); }", "f");
  check_wellformed(f);
  assert_string_equal(cond(first(f)), "n != 0");
  assert_int_equal(f->blocks[0]->npreds, 0);
  f = lower1("int g(void);\nvoid f(int n) { for (;; n++) if (g()) break; }", "f");
  check_wellformed(f);
  assert_int_equal(count_terms(f, TERM_BRANCH), 1); /* only the if */
  Block *inc = NULL;
  for (int i = 0; i < f->nblocks; i++)
    if (f->blocks[i]->nstmts == 1 && strcmp(stmt_at(f->blocks[i], 0), "n = n + 1") == 0)
      inc = f->blocks[i];
  assert_non_null(inc);
  f = lower1("int g(void);\nvoid f(int n) { for (n = 0;;) if (g()) break; }", "f");
  assert_string_equal(stmt_at(f->blocks[0], 0), "n = 0");
  assert_int_equal(count_terms(f, TERM_BRANCH), 1);
}

static void test_do_while(void **state) {
  Func *f =
      lower1("int g(void);\nvoid f(void) { do { if (g() == 2) continue; } while (g()); }", "f");
  check_wellformed(f);
  Block *body;
  find_call(f, "g", &body);
  assert_ptr_equal(body, first(f));
  assert_string_equal(cond(body), "t1 == 2");
  /* continue goes to the condition, which loops back to the body */
  Block *c = NULL;
  for (int i = 0; i < f->nblocks; i++)
    if (f->blocks[i]->term.jump_kind && strcmp(f->blocks[i]->term.jump_kind, "continue") == 0)
      c = succ(f->blocks[i], 0);
  assert_non_null(c);
  assert_string_equal(stmt_at(c, 0), "t2 = g()");
  assert_ptr_equal(succ(c, 0), body);
}

/* ---- switch -------------------------------------------------------------- */

static void test_switch(void **state) {
  Func *f = lower1("void a(void); void b(void); void c(void);\n"
                   "void f(int x) { switch (x) { case 1: a(); case 2 ... 4: b(); break;\n"
                   "  case 7: case 8: c(); break; default: a(); } }",
                   "f");
  check_wellformed(f);
  Term *t = &f->blocks[0]->term;
  assert_int_equal(t->kind, TERM_SWITCH);
  assert_string_equal(es(t->value), "x");
  assert_int_equal(t->ncases, 4);
  assert_int_equal(t->nsucc, 5);
  assert_int_equal(t->cases[0].lo, 1);
  assert_int_equal(t->cases[1].lo, 2);
  assert_int_equal(t->cases[1].hi, 4);
  assert_ptr_equal(t->succ[2], t->succ[3]); /* case 7: case 8: share a block */
  Block *c1 = t->succ[0], *c2 = t->succ[1];
  assert_string_equal(stmt_at(c1, 0), "a()");
  assert_ptr_equal(succ(c1, 0), c2); /* fallthrough */
  assert_string_equal(c2->term.jump_kind, "break");
  assert_string_equal(stmt_at(t->succ[4], 0), "a()"); /* default */
  assert_true(strstr(dump(f), "switch x: case 1 -> B1, case 2..4 -> B2, case 7 -> B3, case 8 -> "
                              "B3, default -> B4"));
}

static void test_switch_no_default(void **state) {
  Func *f =
      lower1("void a(void);\nint f(int x) { switch (x) { case 1: a(); break; } return x; }", "f");
  check_wellformed(f);
  Term *t = &f->blocks[0]->term;
  assert_int_equal(t->ncases, 1);
  Block *after = t->succ[1];
  assert_int_equal(after->term.kind, TERM_RETURN);
  assert_ptr_equal(succ(t->succ[0], 0), after);
}

/* ---- goto, labels, return ------------------------------------------------ */

static void test_goto(void **state) {
  Func *f = lower1("int socket(int); int close(int);\n"
                   "int f(void) { int fd = socket(1); if (fd < 0) goto fail;\n"
                   "  return fd;\nfail:\n  close(fd); return -1; }",
                   "f");
  check_wellformed(f);
  Block *g = succ(f->blocks[0], 0);
  assert_string_equal(g->term.jump_kind, "goto fail");
  Block *l = succ(g, 0);
  assert_string_equal(l->label, "fail");
  assert_string_equal(stmt_at(l, 0), "close(fd)");
  assert_string_equal(es(l->term.value), "-1");
}

static void test_unreachable_dropped(void **state) {
  Func *f = lower1("int g(void);\nint f(void) { return 1; g(); }", "f");
  assert_int_equal(f->nblocks, 1);
  assert_int_equal(count_terms(f, TERM_RETURN), 1);
}

/* ---- expressions --------------------------------------------------------- */

static void test_socket_single_call(void **state) {
  Func *f = lower1("int socket(int, int, int);\n#define AF_INET 2\n"
                   "int f(void) { int fd; fd = socket(AF_INET, 1, 0); int g = socket(AF_INET,\n"
                   "      1,   0); return fd + g; }",
                   "f");
  Block *b0 = f->blocks[0];
  assert_int_equal(b0->nstmts, 2);
  assert_int_equal(b0->stmts[0]->kind, STMT_CALL);
  assert_string_equal(ps(b0->stmts[0]->lhs), "fd");
  assert_string_equal(b0->stmts[0]->text, "socket(AF_INET, 1, 0)");
  assert_string_equal(ps(b0->stmts[1]->lhs), "g");
  assert_string_equal(b0->stmts[1]->text, "socket(AF_INET, 1, 0)"); /* whitespace collapsed */
  assert_int_equal(b0->stmts[1]->loc.line, 3);
  assert_int_equal(b0->stmts[0]->nargs, 3);
  assert_int_equal(b0->stmts[0]->args[0]->kind, EXPR_CONST);
  assert_int_equal(b0->stmts[0]->args[0]->value, 2);
  /* no temporaries for direct assignments */
  for (int i = 0; i < f->nvars; i++)
    assert_int_not_equal(f->vars[i]->kind, VAR_TEMP);
}

static void test_discarded_call(void **state) {
  Func *f = lower1("int close(int);\nvoid f(int fd) { close(fd); (void)close(fd); }", "f");
  assert_int_equal(f->blocks[0]->nstmts, 2);
  assert_null(f->blocks[0]->stmts[0]->lhs);
  assert_null(f->blocks[0]->stmts[1]->lhs);
}

static void test_evaluation_order(void **state) {
  Func *f = lower1("int a(void); int b(void); int c(int, int);\n"
                   "int f(void) { return c(a(), b()) + a(); }",
                   "f");
  Block *b0 = f->blocks[0];
  assert_int_equal(b0->nstmts, 4);
  assert_string_equal(stmt_at(b0, 0), "t1 = a()");
  assert_string_equal(stmt_at(b0, 1), "t2 = b()");
  assert_string_equal(stmt_at(b0, 2), "t3 = c(t1, t2)");
  assert_string_equal(stmt_at(b0, 3), "t4 = a()");
  assert_string_equal(es(b0->term.value), "t3 + t4");
}

static void test_conditional_value(void **state) {
  Func *f = lower1("int a(void); int b(void);\n"
                   "int f(int c) { int x = c ? a() : b(); return (c > 1 ? 5 : 6) + x; }",
                   "f");
  check_wellformed(f);
  Block *ba, *bb;
  Stmt *sa = find_call(f, "a", &ba), *sb = find_call(f, "b", &bb);
  assert_string_equal(ps(sa->lhs), "x"); /* assigned directly in both arms */
  assert_string_equal(ps(sb->lhs), "x");
  assert_ptr_equal(succ(ba, 0), succ(bb, 0));
  Block *join = succ(ba, 0);
  assert_string_equal(cond(join), "c > 1");
  assert_string_equal(stmt_at(succ(join, 0), 0), "t1 = 5"); /* a temp assigned in both arms */
  assert_string_equal(stmt_at(succ(join, 1), 0), "t1 = 6");
  assert_string_equal(es(succ(succ(join, 0), 0)->term.value), "t1 + x");
}

static void test_comma_and_elvis(void **state) {
  Func *f =
      lower1("int a(void); int b(void);\nint f(int x) { int y = (a(), x); return b() ?: y; }", "f");
  check_wellformed(f);
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 0), "a()");
  assert_string_equal(stmt_at(b0, 1), "y = x");
  assert_string_equal(stmt_at(b0, 2), "t1 = b()");
  assert_string_equal(cond(b0), "t1 != 0");
  assert_string_equal(stmt_at(succ(b0, 0), 0), "t2 = t1");
  assert_string_equal(stmt_at(succ(b0, 1), 0), "t2 = y");
}

static void test_logical_value(void **state) {
  Func *f =
      lower1("int f(int a, int b) { int ok = a >= 0; int both = a && b; return ok + both; }", "f");
  check_wellformed(f);
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 0), "ok = a >= 0");
  assert_int_equal(b0->stmts[0]->rhs->kind, EXPR_CMP);
  assert_string_equal(cond(b0), "a != 0");
  assert_int_equal(count_terms(f, TERM_BRANCH), 2);
}

static void test_initializers(void **state) {
  Func *f = lower1("struct conn { int fd; char *buf; struct { int a, b; } in; };\n"
                   "void f(int fd) { struct conn c = {.fd = fd}; struct conn d = {fd, 0, {1, 2}};\n"
                   "  struct conn e = {.buf = 0, 3}; int arr[3] = {4, [2] = 5}; }",
                   "f");
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 0), "c.fd = fd");
  assert_int_equal(b0->stmts[0]->loc.line, 2); /* at the declared variable */
  assert_int_equal(b0->stmts[0]->loc.col, 30);
  assert_string_equal(stmt_at(b0, 1), "d.fd = fd");
  assert_string_equal(stmt_at(b0, 2), "d.buf = NULL");
  assert_string_equal(stmt_at(b0, 3), "d.in.a = 1");
  assert_string_equal(stmt_at(b0, 4), "d.in.b = 2");
  assert_string_equal(stmt_at(b0, 5), "e.buf = NULL");
  assert_string_equal(stmt_at(b0, 6), "e.in = 3"); /* positional after a designator */
  assert_string_equal(stmt_at(b0, 7), "arr[0] = 4");
  assert_string_equal(stmt_at(b0, 8), "arr[2] = 5");
}

static void test_compound_literal(void **state) {
  Func *f = lower1("struct p { int x, y; }; void use(struct p *);\n"
                   "void f(int v) { use(&(struct p){.y = v}); struct p q; q = (struct p){1, 2}; }",
                   "f");
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 0), "t1.y = v");
  assert_string_equal(stmt_at(b0, 1), "use(&t1)");
  assert_int_equal(var(f, "t1")->type, TY_RECORD);
  assert_string_equal(stmt_at(b0, 2), "q.x = 1");
  assert_string_equal(stmt_at(b0, 3), "q.y = 2");
}

static void test_statement_expression(void **state) {
  Func *f =
      lower1("int g(int);\nint f(int x) { int z = ({ int q = g(x); q + 1; }); return z; }", "f");
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 0), "q = g(x)");
  assert_string_equal(stmt_at(b0, 1), "z = q + 1");
}

static void test_increments_and_compound_assign(void **state) {
  Func *f = lower1("int f(int x, int *p) { x++; --x; x += 3; x <<= 1; int y = x++; *p = x; return "
                   "y; }",
                   "f");
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 0), "x = x + 1");
  assert_string_equal(stmt_at(b0, 1), "x = x - 1");
  assert_string_equal(stmt_at(b0, 2), "x = x + 3");
  assert_string_equal(stmt_at(b0, 3), "x = x << 1");
  assert_string_equal(stmt_at(b0, 4), "t1 = x");
  assert_string_equal(stmt_at(b0, 5), "x = x + 1");
  assert_string_equal(stmt_at(b0, 6), "y = t1");
  assert_int_equal(b0->stmts[2]->rhs->kind, EXPR_OP);
  assert_string_equal(stmt_at(b0, 7), "*p = x");
}

static void test_access_paths(void **state) {
  Func *f = lower1("struct s { int fd; struct s *next; int a[4]; union { int u1; long u2; }; };\n"
                   "struct s *get(void); void use(void *);\n"
                   "void f(struct s *p, struct s v, int i, int **pp) {\n"
                   "  use(&p->fd); use(&v.a[2]); use(&p->next->a[i]); use(*pp);\n"
                   "  use(&get()->fd); use(&(*p).fd); use(&p->u2); use(*(pp + 1)); }",
                   "f");
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 0), "use(&p->fd)");
  assert_string_equal(stmt_at(b0, 1), "use(&v.a[2])");
  assert_true(b0->stmts[1]->args[0]->path->index_known);
  assert_string_equal(stmt_at(b0, 2), "use(&p->next->a[i])");
  assert_false(b0->stmts[2]->args[0]->path->index_known);
  assert_ptr_equal(b0->stmts[2]->args[0]->path->var, var(f, "p"));
  assert_string_equal(stmt_at(b0, 3), "use(*pp)");
  assert_string_equal(stmt_at(b0, 4), "t1 = get()");
  assert_string_equal(stmt_at(b0, 5), "use(&t1->fd)");
  assert_string_equal(stmt_at(b0, 6), "use(&(*p).fd)");
  assert_string_equal(stmt_at(b0, 7), "use(&p->u2)"); /* anonymous union member */
  assert_string_equal(stmt_at(b0, 8), "use(pp[1])");
}

static void test_constants(void **state) {
  Func *f =
      lower1("#define NULL ((void *)0)\n#define MAP_FAILED ((void *) -1)\n#define SQLITE_OK 0\n"
             "enum { CONNECTION_OK = 0, CONNECTION_BAD = 3 };\n"
             "int st(void); void *mm(void);\n"
             "int f(char *p) { if (st() != SQLITE_OK) return 1; if (st() != CONNECTION_BAD) "
             "return 2;\n"
             "  if (mm() == MAP_FAILED) return 3; p = NULL; p = 0; return 'a' + sizeof(int); }",
             "f");
  check_wellformed(f);
  Block *b0 = f->blocks[0];
  assert_string_equal(cond(b0), "t1 != 0");
  Block *b1 = succ(b0, 1);
  assert_string_equal(cond(b1), "t2 != 3");
  Block *b2 = succ(b1, 1);
  assert_string_equal(cond(b2), "t3 == -1");
  assert_int_equal(b2->term.rhs->kind, EXPR_CONST);
  assert_false(b2->term.rhs->is_null);
  Block *b3 = succ(b2, 1);
  assert_true(b3->stmts[0]->rhs->is_null);
  assert_int_equal(b3->stmts[0]->macro.spelling.line, 0); /* p = NULL is not macro code */
  assert_int_equal(b3->stmts[0]->loc.col, 37);
  assert_true(b3->stmts[1]->rhs->is_null); /* 0 assigned to a pointer */
  assert_string_equal(es(b3->term.value), "101");
}

static void test_va_arg_is_not_its_list(void **state) {
  Func *f = lower1("int f(int n, ...) { __builtin_va_list ap; __builtin_va_start(ap, n);\n"
                   "  int x = __builtin_va_arg(ap, int); __builtin_va_end(ap); return x; }",
                   "f");
  Block *b0 = f->blocks[0];
  assert_string_equal(ps(b0->stmts[1]->lhs), "x");
  assert_int_equal(b0->stmts[1]->rhs->kind, EXPR_UNKNOWN);
}

static void test_indirect_call(void **state) {
  Func *f = lower1("struct ops { int (*open)(int); };\n"
                   "int f(struct ops *o, void (*cb)(int)) { cb(1); (*cb)(2); return o->open(3); }",
                   "f");
  Block *b0 = f->blocks[0];
  for (int i = 0; i < 3; i++) {
    assert_null(b0->stmts[i]->callee);
    assert_non_null(b0->stmts[i]->fnptr);
  }
  assert_string_equal(es(b0->stmts[0]->fnptr), "cb");
  assert_string_equal(es(b0->stmts[1]->fnptr), "cb");
  assert_string_equal(es(b0->stmts[2]->fnptr), "o->open");
  assert_string_equal(ps(b0->stmts[2]->lhs), "t1");
}

static void test_function_designator(void **state) {
  Func *f = lower1("void h(int); void reg(void (*)(int));\nvoid f(void) { reg(h); reg(&h); }", "f");
  Block *b0 = f->blocks[0];
  assert_int_equal(b0->stmts[0]->args[0]->kind, EXPR_FUNC);
  assert_string_equal(b0->stmts[0]->args[0]->text, "h");
  assert_int_equal(b0->stmts[1]->args[0]->kind, EXPR_FUNC);
}

/* ---- variables ----------------------------------------------------------- */

static void test_variables(void **state) {
  Func *f =
      lower1("int g; extern int h;\n"
             "int f(int a) { static int count; int x = a; { int x = 2; g = x; } count++; return "
             "x + h; }",
             "f");
  assert_int_equal(f->nparams, 1);
  assert_int_equal(f->vars[0]->kind, VAR_PARAM);
  assert_int_equal(var(f, "count")->kind, VAR_STATIC);
  assert_int_equal(var(f, "g")->kind, VAR_GLOBAL);
  assert_int_equal(var(f, "h")->kind, VAR_GLOBAL);
  Block *b0 = f->blocks[0];
  /* two distinct x */
  Var *outer = b0->stmts[0]->lhs->var, *inner = b0->stmts[1]->lhs->var;
  assert_string_equal(outer->name, "x");
  assert_string_equal(inner->name, "x");
  assert_ptr_not_equal(outer, inner);
  assert_ptr_equal(b0->stmts[2]->rhs->path->var, inner);
  assert_ptr_equal(b0->term.value->ops[0]->path->var, outer);
  /* ordering: params, locals, temps, globals; ids are positions */
  for (int i = 0; i < f->nvars; i++)
    assert_int_equal(f->vars[i]->id, i);
  assert_int_equal(f->vars[f->nvars - 1]->kind, VAR_GLOBAL);
  assert_int_equal(var(f, "x")->type, TY_INT);
}

/* Unsigned integers are never negative: the engine needs to know which. */
static void test_unsigned(void **state) {
  Func *f = lower1("#include <stddef.h>\n#include <stdint.h>\n#include <stdbool.h>\n"
                   "enum color { RED, GREEN };\n"
                   "struct s { unsigned len; int n; };\n"
                   "int f(size_t n, int m, unsigned char c, uint32_t u, int32_t i, bool b,\n"
                   "      char *p, enum color k, struct s *sp) {\n"
                   "  size_t d = n - 1;\n"
                   "  int e = m - 1;\n"
                   "  int x = sp->len + 0 > 0;\n"
                   "  int y = m < e;\n"
                   "  return n < (size_t)m && d && sp->len;\n"
                   "}\n",
                   "f");
  assert_true(var(f, "n")->is_unsigned);
  assert_false(var(f, "m")->is_unsigned);
  assert_true(var(f, "c")->is_unsigned);
  assert_true(var(f, "u")->is_unsigned);
  assert_false(var(f, "i")->is_unsigned);
  assert_true(var(f, "b")->is_unsigned);
  assert_false(var(f, "p")->is_unsigned); /* pointers are not integers */
  assert_true(var(f, "k")->is_unsigned);  /* clang gives this enum unsigned int */
  Block *b0 = f->blocks[0];
  /* d = n - 1: an unsigned operator; e = m - 1 is signed */
  assert_string_equal(stmt_at(b0, 0), "d = n - 1");
  assert_true(b0->stmts[0]->rhs->is_unsigned);
  assert_true(b0->stmts[0]->rhs->ops[0]->is_unsigned);
  assert_false(b0->stmts[1]->rhs->is_unsigned);
  assert_false(b0->stmts[1]->rhs->ops[0]->is_unsigned);
  /* sp->len + 0 > 0 compares unsigned values; m < e does not */
  assert_int_equal(b0->stmts[2]->rhs->kind, EXPR_CMP);
  assert_true(b0->stmts[2]->rhs->is_unsigned);
  assert_true(b0->stmts[2]->rhs->ops[0]->ops[0]->is_unsigned); /* the field sp->len */
  assert_int_equal(b0->stmts[3]->rhs->kind, EXPR_CMP);
  assert_false(b0->stmts[3]->rhs->is_unsigned);
  /* the branch operands keep their types */
  assert_string_equal(cond(b0), "n < m");
  assert_true(b0->term.lhs->is_unsigned);
  assert_false(b0->term.rhs->is_unsigned);
  assert_non_null(strstr(dump(f), "n (param size_t, unsigned)"));
  assert_non_null(strstr(dump(f), "m (param int)"));
}

/* ---- cleanup attributes -------------------------------------------------- */

static const char *cleanup_prelude = "void freep(void *); void closep(int *); int g(void);\n"
                                     "#define _cleanup_(x) __attribute__((__cleanup__(x)))\n"
                                     "#define _cleanup_free_ _cleanup_(freep)\n";

static const char *with_prelude(const char *body) {
  return arena_printf(&pa, "%s%s", cleanup_prelude, body);
}

static void test_cleanup_scope_end_and_return(void **state) {
  Func *f = lower1(with_prelude("int f(void) {\n"
                                "  __attribute__((cleanup(freep))) char *a = 0;\n"
                                "  _cleanup_free_ char *b = 0;\n"
                                "  __attribute__((cleanup(closep))) int fd = -1;\n"
                                "  if (g()) return 1;\n"
                                "  { _cleanup_free_ char *c = 0; g(); }\n"
                                "  return 0;\n}\n"),
                   "f");
  check_wellformed(f);
  assert_string_equal(var(f, "b")->cleanup, "freep"); /* through two macros */
  assert_string_equal(var(f, "fd")->cleanup, "closep");
  assert_int_equal(count_calls(f, "closep"), 2); /* once per return */
  assert_int_equal(count_calls(f, "freep"), 5);  /* a, b twice; c once */
  Block *b0 = f->blocks[0];
  Block *r1 = succ(b0, 0);
  assert_int_equal(r1->nstmts, 3);
  assert_string_equal(stmt_at(r1, 0), "closep(&fd)"); /* reverse declaration order */
  assert_string_equal(stmt_at(r1, 1), "freep(&b)");
  assert_string_equal(stmt_at(r1, 2), "freep(&a)");
  assert_true(r1->stmts[0]->is_cleanup);
  assert_int_equal(r1->stmts[0]->args[0]->kind, EXPR_ADDR);
  Block *r0 = succ(b0, 1);
  /* the inner scope's cleanup at its closing brace, then the outer ones */
  assert_string_equal(stmt_at(r0, 0), "c = NULL");
  assert_string_equal(stmt_at(r0, 1), "g()");
  assert_string_equal(stmt_at(r0, 2), "freep(&c)");
  assert_int_equal(r0->stmts[2]->loc.line, 9);
  assert_string_equal(stmt_at(r0, 3), "closep(&fd)");
  FuncDecl *d = unit_find_decl(unit, "freep");
  assert_non_null(d);
  assert_int_equal(d->nparams, 1);
}

static void test_cleanup_return_value(void **state) {
  Func *f = lower1(with_prelude("char *steal(char **);\n"
                                "char *f(void) { _cleanup_free_ char *p = 0; if (g()) return p;\n"
                                "  return steal(&p); }\n"),
                   "f");
  check_wellformed(f);
  Block *r = succ(f->blocks[0], 0);
  assert_string_equal(stmt_at(r, 0), "t2 = p"); /* value read before the cleanup */
  assert_string_equal(stmt_at(r, 1), "freep(&p)");
  assert_string_equal(es(r->term.value), "t2");
  Block *s;
  find_call(f, "steal", &s);
  assert_string_equal(stmt_at(s, 0), "t3 = steal(&p)");
  assert_string_equal(stmt_at(s, 1), "freep(&p)");
  assert_string_equal(es(s->term.value), "t3");
}

static void test_cleanup_break_continue_goto(void **state) {
  Func *f = lower1(with_prelude("void f(int n) {\n"
                                "  for (int i = 0; i < n; i++) {\n"
                                "    _cleanup_free_ char *p = 0;\n"
                                "    if (g() == 1) break;\n"
                                "    if (g() == 2) continue;\n"
                                "    if (g() == 3) goto out;\n"
                                "  }\n"
                                "out:\n"
                                "  g();\n}\n"),
                   "f");
  check_wellformed(f);
  /* break, continue, goto and the end of the body each free p once */
  assert_int_equal(count_calls(f, "freep"), 4);
  for (int i = 0; i < f->nblocks; i++) {
    Block *b = f->blocks[i];
    if (b->term.jump_kind) {
      assert_true(b->nstmts >= 1);
      assert_string_equal(stmt_at(b, b->nstmts - 1), "freep(&p)");
    }
  }
}

static void test_cleanup_goto_within_scope(void **state) {
  Func *f = lower1(with_prelude("int f(void) {\n"
                                "  _cleanup_free_ char *p = 0;\n"
                                "  if (g()) goto done;\n"
                                "  g();\n"
                                "done:\n"
                                "  return 0;\n}\n"),
                   "f");
  /* the label is in p's scope: the goto frees nothing, the return does */
  assert_int_equal(count_calls(f, "freep"), 1);
}

static void test_cleanup_goto_backward(void **state) {
  Func *f = lower1(with_prelude("int f(void) {\n"
                                "  _cleanup_free_ char *a = 0;\n"
                                "retry:\n"
                                "  g();\n"
                                "  _cleanup_free_ char *p = 0;\n"
                                "  if (g()) goto retry;\n"
                                "  return 0;\n}\n"),
                   "f");
  check_wellformed(f);
  /* going back above p's declaration frees p, not a */
  Block *back = NULL;
  for (int i = 0; i < f->nblocks; i++)
    if (f->blocks[i]->term.jump_kind && strcmp(f->blocks[i]->term.jump_kind, "goto retry") == 0)
      back = f->blocks[i];
  assert_non_null(back);
  assert_int_equal(back->nstmts, 1);
  assert_string_equal(stmt_at(back, 0), "freep(&p)");
  assert_string_equal(succ(back, 0)->label, "retry");
  assert_int_equal(count_calls(f, "freep"), 3);
}

static void test_cleanup_glib_autoptr(void **state) {
  Func *f = lower1("#define _GLIB_CLEANUP(func) __attribute__((cleanup(func)))\n"
                   "#define _GLIB_AUTOPTR_FUNC_NAME(TypeName) glib_autoptr_cleanup_##TypeName\n"
                   "#define g_autoptr(TypeName) _GLIB_CLEANUP(_GLIB_AUTOPTR_FUNC_NAME(TypeName)) "
                   "TypeName *\n"
                   "#define g_autofree _GLIB_CLEANUP(g_autoptr_cleanup_generic_gfree)\n"
                   "typedef struct GError GError;\n"
                   "void glib_autoptr_cleanup_GError(GError **);\n"
                   "void g_autoptr_cleanup_generic_gfree(void *);\n"
                   "void f(void) { g_autoptr(GError) e = 0; g_autofree char *s = 0; }\n",
                   "f");
  assert_string_equal(var(f, "e")->cleanup, "glib_autoptr_cleanup_GError");
  assert_string_equal(var(f, "s")->cleanup, "g_autoptr_cleanup_generic_gfree");
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 2), "g_autoptr_cleanup_generic_gfree(&s)");
  assert_string_equal(stmt_at(b0, 3), "glib_autoptr_cleanup_GError(&e)");
}

/* ---- calls that never return --------------------------------------------- */

static void test_noreturn(void **state) {
  Func *f = lower1("void exit(int); void abort(void);\n"
                   "_Noreturn void die(const char *);\n"
                   "void die2(int) __attribute__((noreturn));\n"
                   "void die3(int) __attribute__ ((__noreturn__));\n"
                   "[[noreturn]] void die4(void);\n"
                   "void log_it(void);\n"
                   "int f(int x) {\n"
                   "  if (x == 1) { log_it(); exit(1); }\n"
                   "  if (x == 2) die(\"x\");\n"
                   "  if (x == 3) die2(1);\n"
                   "  if (x == 4) die3(1);\n"
                   "  if (x == 5) die4();\n"
                   "  if (x == 6) __builtin_unreachable();\n"
                   "  if (x == 7) abort();\n"
                   "  return 0; }",
                   "f");
  check_wellformed(f);
  assert_int_equal(count_terms(f, TERM_NORETURN), 7);
  assert_int_equal(count_terms(f, TERM_RETURN), 1);
  Block *b;
  Stmt *s = find_call(f, "exit", &b);
  assert_int_equal(b->term.kind, TERM_NORETURN);
  assert_string_equal(b->term.noreturn_callee, "exit");
  assert_ptr_equal(b->stmts[b->nstmts - 1], s); /* the call stays in the block */
  assert_string_equal(stmt_at(b, 0), "log_it()");
  const char *names[] = {"die", "die2", "die3", "die4", "abort"};
  for (int i = 0; i < 5; i++) {
    find_call(f, names[i], &b);
    assert_string_equal(b->term.noreturn_callee, names[i]);
    assert_true(unit_find_decl(unit, names[i])->noreturn);
  }
  assert_false(unit_find_decl(unit, "log_it")->noreturn);
}

static void test_noreturn_undeclared(void **state) {
  /* with <stdlib.h> missing, exit is implicitly declared: still noreturn */
  Func *f =
      lower1("#include <no_such_header.h>\nint f(int x) { if (x) exit(2); err(1, \"x\"); }", "f");
  assert_int_equal(count_terms(f, TERM_NORETURN), 2);
  assert_int_equal(count_terms(f, TERM_RETURN), 0);
}

/* ---- locations and macros ------------------------------------------------ */

static void test_macro_locations(void **state) {
  Func *f = lower1("void abort(void); int close(int);\n"
                   "#define CHECK(x) do { if (!(x)) abort(); } while (0)\n"
                   "void f(int fd) {\n"
                   "  CHECK(close(fd) == 0);\n"
                   "}\n"
                   "void real_free(void *);\n"
                   "#define my_free(p) real_free(p)\n"
                   "void g(char *s) { my_free(s  +  1); }\n",
                   "f");
  check_wellformed(f);
  Block *b;
  Stmt *c = find_call(f, "close", &b);
  assert_int_equal(c->loc.line, 4);
  assert_int_equal(c->loc.col, 3); /* the expansion: CHECK */
  assert_string_equal(c->loc.file, "t.c");
  assert_int_equal(c->macro.spelling.line, 4); /* a macro argument: spelled in place */
  assert_int_equal(c->macro.spelling.col, 9);
  assert_string_equal(c->text, "close(fd)");
  Stmt *a = find_call(f, "abort", &b);
  assert_int_equal(a->loc.line, 4);
  assert_int_equal(a->macro.spelling.line, 2); /* spelled in the macro's body */
  assert_int_equal(a->macro.spelling.col, 33);
  assert_string_equal(a->macro.macro, "CHECK");
  assert_string_equal(a->text, "abort()");
  assert_ptr_equal(a->loc.file, c->loc.file); /* interned */
  assert_int_equal(f->loc.line, 3);
  assert_int_equal(f->loc.col, 6);
  /* a macro that is just a call reads as its invocation */
  Stmt *r = find_call(func("g"), "real_free", NULL);
  assert_string_equal(r->text, "my_free(s + 1)");
  assert_string_equal(r->macro.macro, "my_free");
  assert_int_equal(r->macro.spelling.line, 7);
}

/* ---- declarations -------------------------------------------------------- */

static void test_decls(void **state) {
  parse("void *my_alloc(int) __attribute__((ownership_returns(malloc)));\n"
        "void my_free(void *) __attribute__((ownership_takes(malloc, 1)));\n"
        "void my_hold(int, void *) __attribute__((ownership_holds(malloc, 2)));\n"
        "int printf(const char *, ...);\n"
        "static int helper(int a, int b) { return a + b; }\n"
        "void unused(void);\n"
        "void f(void) { void *p = my_alloc(1); my_hold(0, p); my_free(p); printf(\"\", "
        "helper(1, 2)); }\n");
  FuncDecl *d = unit_find_decl(unit, "my_alloc");
  assert_non_null(d);
  assert_int_equal(d->nattrs, 1);
  assert_int_equal(d->attrs[0].kind, OWN_RETURNS);
  assert_string_equal(d->attrs[0].module, "malloc");
  d = unit_find_decl(unit, "my_free");
  assert_int_equal(d->attrs[0].kind, OWN_TAKES);
  assert_int_equal(d->attrs[0].nargs, 1);
  assert_int_equal(d->attrs[0].args[0], 0);
  d = unit_find_decl(unit, "my_hold");
  assert_int_equal(d->attrs[0].kind, OWN_HOLDS);
  assert_int_equal(d->attrs[0].args[0], 1);
  assert_int_equal(d->nparams, 2);
  d = unit_find_decl(unit, "printf");
  assert_true(d->variadic);
  assert_false(d->has_body);
  d = unit_find_decl(unit, "helper");
  assert_true(d->has_body);
  assert_true(func("helper")->is_static);
  assert_true(unit_find_decl(unit, "f")->has_body);
  assert_null(unit_find_decl(unit, "unused")); /* neither called nor defined */
}

/* ---- robustness ---------------------------------------------------------- */

static void test_missing_header(void **state) {
  parse("#include <surely_missing.h>\n#include <surely_missing.h>\n"
        "int f(int fd) { if (conn_open(fd) < 0) return -1; return 0; }\n");
  assert_int_equal(unit->nfuncs, 1);
  int notes = 0;
  for (int i = 0; i < unit->ndiags; i++)
    if (strstr(unit->diags[i]->msg, "surely_missing.h")) {
      notes++;
      assert_int_equal(unit->diags[i]->level, DIAG_NOTE);
      assert_int_equal(unit->diags[i]->loc.line, 1);
    }
  assert_int_equal(notes, 1); /* reported once */
  assert_false(unit->fatal);
  Func *f = func("f");
  assert_string_equal(stmt_at(f->blocks[0], 0), "t1 = conn_open(fd)");
}

static void test_parse_errors_keep_going(void **state) {
  parse("int broken(void) { return 1 +; }\n"
        "int ok(int x) { return x; }\n");
  assert_true(unit->ndiags >= 1);
  assert_int_equal(unit->diags[0]->level, DIAG_ERROR);
  assert_string_equal(unit->diags[0]->loc.file, "t.c");
  assert_int_equal(unit->diags[0]->loc.line, 1);
  assert_int_equal(unit->diags[0]->loc.col, 30);
  assert_non_null(func("ok"));
}

static void test_garbage(void **state) {
  parse("}}}} int int ( ) ; @@@ #if\n\"unterminated");
  assert_int_equal(unit->nfuncs, 0);
  assert_true(unit->ndiags > 0);
  assert_true(unit->fatal);
  parse("");
  assert_int_equal(unit->nfuncs, 0);
  assert_false(unit->fatal);
}

static void test_no_file(void **state) {
  Unit *u = NULL;
  char why[256];
  assert_int_equal(frontend_parse(fe, "/nonexistent/x.c", NULL, 0, NULL, &u, why, sizeof why),
                   FE_NO_FILE);
  assert_null(u);
  assert_non_null(strstr(why, "/nonexistent/x.c"));
  assert_non_null(strstr(why, "No such file"));
  assert_int_equal(frontend_parse(fe, "/tmp", NULL, 0, NULL, &u, why, sizeof why), FE_NO_FILE);
  assert_non_null(strstr(why, "directory"));
}

static void test_parse_file_with_dir(void **state) {
  char dir[] = "/tmp/connlint_fe_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char *path = arena_printf(&pa, "%s/a.c", dir);
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fputs("#include \"inc.h\"\nint f(void) { return VALUE; }\n", fp);
  fclose(fp);
  char *inc = arena_printf(&pa, "%s/inc.h", dir);
  fp = fopen(inc, "w");
  fputs("#define VALUE 42\n", fp);
  fclose(fp);
  Unit *u = NULL;
  char why[256];
  assert_int_equal(frontend_parse(fe, "a.c", NULL, 0, dir, &u, why, sizeof why), FE_OK);
  assert_string_equal(u->path, "a.c");
  assert_string_equal(u->funcs[0]->loc.file, "a.c"); /* as the caller named it */
  assert_int_equal(u->nfuncs, 1);
  assert_int_equal(u->funcs[0]->blocks[0]->term.value->value, 42);
  assert_int_equal(u->ndiags, 0);
  unit_delete(u);
  /* a name without a C extension is still read as C */
  char *noext = arena_printf(&pa, "%s/source", dir);
  assert_int_equal(rename(path, noext), 0);
  assert_int_equal(frontend_parse(fe, noext, NULL, 0, dir, &u, why, sizeof why), FE_OK);
  assert_int_equal(u->nfuncs, 1);
  unit_delete(u);
  unlink(noext);
  unlink(inc);
  rmdir(dir);
}

/* ---- code that does not type-check (a header is missing) ------------------ */

/* Calls clang could not type-check stay calls: what they are given escapes. */
static void test_recovery_calls(void **state) {
  parse("#include <gtk/gtk.h>\n"
        "#include <stdio.h>\n"
        "int take2(FILE *a, int b);\n"
        "struct conn;\n"
        "static void cb(GtkWidget *w, gpointer data) {}\n"
        "void f(GtkWidget *btn, const char *path, struct conn *c) {\n"
        "  FILE *fp = fopen(path, \"r\");\n"
        "  if (!fp) return;\n"
        "  g_signal_connect(btn, \"clicked\", G_CALLBACK(cb), fp);\n"
        "  take2(fp);\n"
        "  take2(fp, c->n, 3);\n"
        "  c->fp = fp;\n"
        "}\n");
  Func *f = func("f");
  check_wellformed(f);
  Stmt *s = find_call(f, "g_signal_connect", NULL);
  assert_int_equal(s->nargs, 4);
  assert_string_equal(es(s->args[3]), "fp");
  assert_int_equal(find_call(f, "G_CALLBACK", NULL)->nargs, 1); /* cb's own type is unknown */
  /* too few arguments: a recovery expression, still the call */
  s = find_call(f, "take2", NULL);
  assert_int_equal(s->nargs, 1);
  assert_string_equal(es(s->args[0]), "fp");
  assert_int_equal(count_calls(f, "take2"), 2);
  /* a member of an incomplete struct keeps its name, as operand and target */
  Block *b;
  find_call(f, "take2", &b);
  assert_string_equal(stmt_at(b, b->nstmts - 2), "take2(fp, c->n, 3)");
  assert_string_equal(stmt_at(b, b->nstmts - 1), "c->fp = fp");
}

/* Statements naming an undeclared identifier are dropped by clang; the
   lowering reads them back from the source. */
static void test_recovery_dropped_statements(void **state) {
  parse("#include <event2/event.h>\n"
        "#include <sys/socket.h>\n"
        "#include <stdlib.h>\n"
        "int f(struct event_base *base, char *p, int n) {\n"
        "  int fd = socket(AF_INET, SOCK_STREAM, 0);\n"
        "  struct event *ev = event_new(base, fd, EV_READ | EV_PERSIST, on_accept, NULL);\n"
        "  event_add(ev, NULL);\n"
        "  struct event *ev2;\n"
        "  ev2 = event_new(base, fd, EV_WRITE, NULL, &n);\n"
        "  int x;\n"
        "  x = UNKNOWN_FLAG | n;\n"
        "  GList *l = NULL;\n"
        "  l = g_list_append(l, p);\n"
        "  register_it(GTK_THING, p->q);\n"
        "  return x;\n"
        "}\n"
        "int g(int n) { return n; }\n");
  Func *f = func("f");
  check_wellformed(f);
  Block *b0 = f->blocks[0];
  assert_string_equal(stmt_at(b0, 0), "fd = socket(2, 1, 0)");
  Stmt *s = b0->stmts[1];
  assert_string_equal(s->text, "event_new(base, fd, EV_READ | EV_PERSIST, on_accept, NULL)");
  assert_string_equal(ps(s->lhs), "ev");
  assert_string_equal(s->callee, "event_new");
  assert_int_equal(s->nargs, 5);
  assert_string_equal(es(s->args[0]), "base");
  assert_string_equal(es(s->args[1]), "fd");
  assert_int_equal(s->args[2]->kind, EXPR_UNKNOWN);
  assert_int_equal(s->loc.line, 6);
  assert_int_equal(s->loc.col, 22);
  assert_string_equal(stmt_at(b0, 2), "event_add(ev, NULL)");
  s = b0->stmts[3];
  assert_string_equal(ps(s->lhs), "ev2");
  assert_string_equal(es(s->args[4]), "&n");
  assert_string_equal(stmt_at(b0, 4), "x = ?(n)");
  /* a variable whose type clang never saw */
  assert_string_equal(stmt_at(b0, 5), "l = NULL");
  assert_int_equal(var(f, "l")->type, TY_POINTER);
  s = b0->stmts[6];
  assert_string_equal(ps(s->lhs), "l");
  assert_string_equal(es(s->args[0]), "l");
  assert_string_equal(es(s->args[1]), "p");
  s = b0->stmts[7];
  assert_string_equal(s->callee, "register_it");
  assert_int_equal(s->nargs, 2);
  assert_string_equal(es(s->args[1]), "p->q");
  assert_int_equal(b0->nstmts, 8);
  assert_int_equal(b0->term.kind, TERM_RETURN);
  /* a function without errors is lowered as always */
  assert_int_equal(func("g")->blocks[0]->nstmts, 0);
}

/* ---- dumps --------------------------------------------------------------- */

static void test_dump_text(void **state) {
  Func *f = lower1("int socket(int, int, int);\n"
                   "int open_conn(void) {\n"
                   "  int fd = socket(2, 1, 0);\n"
                   "  if (fd < 0)\n"
                   "    return -1;\n"
                   "  return fd;\n"
                   "}\n",
                   "open_conn");
  assert_string_equal(dump(f), "function open_conn at t.c:2:5\n"
                               "  vars: fd (local int)\n"
                               "  B0 [entry]:\n"
                               "    t.c:3:12  fd = socket(2, 1, 0)\n"
                               "    branch fd < 0 -> B1, B2\n"
                               "  B1 [preds B0]:\n"
                               "    return -1  [t.c:5:5]\n"
                               "  B2 [preds B0]:\n"
                               "    return fd  [t.c:6:3]\n");
}

static void test_dump_dot(void **state) {
  Func *f = lower1("int puts(const char *);\nint f(int x) { if (x) puts(\"say \\\"hi\\\"\"); "
                   "return 0; }",
                   "f");
  Buf b = {0};
  ir_dump_dot(&pa, &b, f);
  const char *d = buf_str(&pa, &b);
  assert_true(strncmp(d, "digraph \"f\" {", 13) == 0);
  assert_non_null(strstr(d, "subgraph \"cluster_f\""));
  assert_non_null(strstr(d, "[label=\"true\"]"));
  assert_non_null(strstr(d, "[label=\"false\"]"));
  /* the string's quotes and backslashes are escaped twice: C, then DOT */
  assert_non_null(strstr(d, "puts(\\\"say \\\\\\\"hi\\\\\\\"\\\")"));
  /* balanced quotes: every line has an even number of unescaped quotes */
  for (const char *line = d; *line;) {
    int q = 0;
    const char *p = line;
    for (; *p && *p != '\n'; p++)
      if (*p == '"' && (p == line || p[-1] != '\\' || (p >= line + 2 && p[-2] == '\\'))) q++;
    assert_int_equal(q % 2, 0);
    line = *p ? p + 1 : p;
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_if_else, drop_unit),
      cmocka_unit_test_teardown(test_if_join, drop_unit),
      cmocka_unit_test_teardown(test_not_swaps, drop_unit),
      cmocka_unit_test_teardown(test_and_or_short_circuit, drop_unit),
      cmocka_unit_test_teardown(test_assign_in_condition, drop_unit),
      cmocka_unit_test_teardown(test_call_in_condition, drop_unit),
      cmocka_unit_test_teardown(test_non_comparison_condition, drop_unit),
      cmocka_unit_test_teardown(test_constant_conditions, drop_unit),
      cmocka_unit_test_teardown(test_builtin_expect, drop_unit),
      cmocka_unit_test_teardown(test_while_read, drop_unit),
      cmocka_unit_test_teardown(test_for_break_continue, drop_unit),
      cmocka_unit_test_teardown(test_for_missing_parts, drop_unit),
      cmocka_unit_test_teardown(test_do_while, drop_unit),
      cmocka_unit_test_teardown(test_switch, drop_unit),
      cmocka_unit_test_teardown(test_switch_no_default, drop_unit),
      cmocka_unit_test_teardown(test_goto, drop_unit),
      cmocka_unit_test_teardown(test_unreachable_dropped, drop_unit),
      cmocka_unit_test_teardown(test_socket_single_call, drop_unit),
      cmocka_unit_test_teardown(test_discarded_call, drop_unit),
      cmocka_unit_test_teardown(test_evaluation_order, drop_unit),
      cmocka_unit_test_teardown(test_conditional_value, drop_unit),
      cmocka_unit_test_teardown(test_comma_and_elvis, drop_unit),
      cmocka_unit_test_teardown(test_logical_value, drop_unit),
      cmocka_unit_test_teardown(test_initializers, drop_unit),
      cmocka_unit_test_teardown(test_compound_literal, drop_unit),
      cmocka_unit_test_teardown(test_statement_expression, drop_unit),
      cmocka_unit_test_teardown(test_increments_and_compound_assign, drop_unit),
      cmocka_unit_test_teardown(test_access_paths, drop_unit),
      cmocka_unit_test_teardown(test_constants, drop_unit),
      cmocka_unit_test_teardown(test_va_arg_is_not_its_list, drop_unit),
      cmocka_unit_test_teardown(test_indirect_call, drop_unit),
      cmocka_unit_test_teardown(test_function_designator, drop_unit),
      cmocka_unit_test_teardown(test_variables, drop_unit),
      cmocka_unit_test_teardown(test_unsigned, drop_unit),
      cmocka_unit_test_teardown(test_cleanup_scope_end_and_return, drop_unit),
      cmocka_unit_test_teardown(test_cleanup_return_value, drop_unit),
      cmocka_unit_test_teardown(test_cleanup_break_continue_goto, drop_unit),
      cmocka_unit_test_teardown(test_cleanup_goto_within_scope, drop_unit),
      cmocka_unit_test_teardown(test_cleanup_goto_backward, drop_unit),
      cmocka_unit_test_teardown(test_cleanup_glib_autoptr, drop_unit),
      cmocka_unit_test_teardown(test_noreturn, drop_unit),
      cmocka_unit_test_teardown(test_noreturn_undeclared, drop_unit),
      cmocka_unit_test_teardown(test_macro_locations, drop_unit),
      cmocka_unit_test_teardown(test_decls, drop_unit),
      cmocka_unit_test_teardown(test_missing_header, drop_unit),
      cmocka_unit_test_teardown(test_parse_errors_keep_going, drop_unit),
      cmocka_unit_test_teardown(test_garbage, drop_unit),
      cmocka_unit_test(test_no_file),
      cmocka_unit_test_teardown(test_recovery_calls, drop_unit),
      cmocka_unit_test_teardown(test_recovery_dropped_statements, drop_unit),
      cmocka_unit_test(test_parse_file_with_dir),
      cmocka_unit_test_teardown(test_dump_text, drop_unit),
      cmocka_unit_test_teardown(test_dump_dot, drop_unit),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
