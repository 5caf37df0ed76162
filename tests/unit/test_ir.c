/*
 * test_ir.c - the IR's own services on hand-built units: interning,
 * declaration lookup, predecessors, comparison helpers, path equality and
 * printing. No front end involved, so these fail only for ir.c's reasons.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "ir.h"

#include <string.h>

static Path *pvar(Arena *a, Var *v) {
  Path *p = ARENA_NEW(a, Path);
  p->kind = PATH_VAR;
  p->var = v;
  return p;
}

static Path *pfield(Arena *a, PathKind k, Path *base, const char *f) {
  Path *p = ARENA_NEW(a, Path);
  p->kind = k;
  p->base = base;
  p->var = base->var;
  p->field = f;
  return p;
}

static Path *pindex(Arena *a, Path *base, long i) {
  Path *p = ARENA_NEW(a, Path);
  p->kind = PATH_INDEX;
  p->base = base;
  p->var = base->var;
  p->index_known = true;
  p->index = i;
  return p;
}

static void test_intern_and_decls(void **state) {
  Unit *u = unit_new("a.c");
  const char *a = unit_intern_file(u, "x.c");
  char buf[8];
  strcpy(buf, "x.c");
  assert_ptr_equal(unit_intern_file(u, buf), a);
  assert_ptr_not_equal(unit_intern_file(u, "y.c"), a);

  FuncDecl *d[40];
  FuncDecl **arr = ARENA_ARRAY(&u->arena, FuncDecl *, 40);
  for (int i = 0; i < 40; i++) {
    d[i] = ARENA_NEW(&u->arena, FuncDecl);
    d[i]->name = arena_printf(&u->arena, "fn%d", i);
    arr[i] = d[i];
  }
  u->decls = arr;
  u->ndecls = 20;
  assert_ptr_equal(unit_find_decl(u, "fn7"), d[7]);
  assert_null(unit_find_decl(u, "fn30"));
  u->ndecls = 40; /* the index follows the array */
  assert_ptr_equal(unit_find_decl(u, "fn30"), d[30]);
  assert_null(unit_find_decl(u, "nope"));
  unit_delete(u);
}

static void test_cmp_helpers(void **state) {
  for (CmpOp op = CMP_EQ; op <= CMP_GE; op++) {
    assert_int_equal(cmp_negate(cmp_negate(op)), op);
    assert_int_equal(cmp_swap(cmp_swap(op)), op);
  }
  assert_int_equal(cmp_negate(CMP_LT), CMP_GE);
  assert_int_equal(cmp_swap(CMP_LT), CMP_GT);
  assert_int_equal(cmp_swap(CMP_EQ), CMP_EQ);
  assert_string_equal(cmp_op_str(CMP_LE), "<=");
}

static void test_paths(void **state) {
  Arena a;
  arena_init(&a);
  Var v1 = {.name = "p"}, v2 = {.name = "q"};
  Path *p = pvar(&a, &v1);
  Path *x = pfield(&a, PATH_ARROW, p, "fd");
  Path *y = pfield(&a, PATH_ARROW, pvar(&a, &v1), "fd");
  assert_true(path_equal(x, y));
  assert_false(path_equal(x, pfield(&a, PATH_FIELD, pvar(&a, &v1), "fd")));
  assert_false(path_equal(x, pfield(&a, PATH_ARROW, pvar(&a, &v2), "fd")));
  assert_true(path_equal(pindex(&a, p, 2), pindex(&a, pvar(&a, &v1), 2)));
  assert_false(path_equal(pindex(&a, p, 2), pindex(&a, p, 3)));

  Path *d = ARENA_NEW(&a, Path);
  d->kind = PATH_DEREF;
  d->base = p;
  d->var = &v1;
  Buf b = {0};
  path_print(&a, &b, pfield(&a, PATH_FIELD, d, "fd"));
  assert_string_equal(buf_str(&a, &b), "(*p).fd");
  b = (Buf){0};
  path_print(&a, &b, pindex(&a, x, 1));
  assert_string_equal(buf_str(&a, &b), "p->fd[1]");
  arena_free(&a);
}

static void test_finish_and_dump(void **state) {
  Unit *u = unit_new("a.c");
  Arena *a = &u->arena;
  Func *f = ARENA_NEW(a, Func);
  f->unit = u;
  f->name = "f";
  f->loc = (Loc){unit_intern_file(u, "a.c"), 1, 5};
  Block *b[3];
  for (int i = 0; i < 3; i++)
    b[i] = ARENA_NEW(a, Block);
  Var *x = ARENA_NEW(a, Var);
  x->name = "x";
  x->kind = VAR_PARAM;
  x->type_name = "int";
  f->vars = ARENA_ARRAY(a, Var *, 1);
  f->vars[0] = x;
  f->nvars = 1;
  Expr *lhs = ARENA_NEW(a, Expr), *zero = ARENA_NEW(a, Expr);
  lhs->kind = EXPR_PATH;
  lhs->path = pvar(a, x);
  zero->kind = EXPR_CONST;
  /* B0: switch with two cases to B1 and default B2; B1 -> B2 */
  Term *t = &b[0]->term;
  t->kind = TERM_SWITCH;
  t->value = lhs;
  t->ncases = 2;
  t->cases = ARENA_ARRAY(a, SwitchCase, 2);
  t->cases[0] = (SwitchCase){1, 1};
  t->cases[1] = (SwitchCase){2, 4};
  t->nsucc = 3;
  t->succ = ARENA_ARRAY(a, Block *, 3);
  t->succ[0] = b[1];
  t->succ[1] = b[1];
  t->succ[2] = b[2];
  b[1]->term.kind = TERM_JUMP;
  b[1]->term.nsucc = 1;
  b[1]->term.succ = ARENA_ARRAY(a, Block *, 1);
  b[1]->term.succ[0] = b[2];
  b[1]->term.jump_kind = "break";
  b[2]->term.kind = TERM_RETURN;
  b[2]->term.value = zero;
  b[2]->term.loc = (Loc){f->loc.file, 3, 1};
  f->blocks = b;
  f->nblocks = 3;
  ir_finish(f);
  assert_int_equal(b[1]->npreds, 1); /* two edges from B0, one predecessor */
  assert_int_equal(b[2]->npreds, 2);
  assert_int_equal(b[2]->id, 2);
  Buf out = {0};
  ir_dump_text(a, &out, f);
  assert_string_equal(buf_str(a, &out),
                      "function f at a.c:1:5\n"
                      "  vars: x (param int)\n"
                      "  B0 [entry]:\n"
                      "    switch x: case 1 -> B1, case 2..4 -> B1, default -> B2\n"
                      "  B1 [preds B0]:\n"
                      "    jump -> B2  (break)\n"
                      "  B2 [preds B0, B1]:\n"
                      "    return 0  [a.c:3:1]\n");
  out = (Buf){0};
  ir_dump_dot(a, &out, f);
  assert_non_null(strstr(buf_str(a, &out), "\"f.B0\" -> \"f.B1\" [label=\"case 2..4\"];"));
  assert_non_null(strstr(buf_str(a, &out), "\"f.B1\" -> \"f.B2\" [label=\"break\"];"));
  unit_delete(u);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_intern_and_decls),
      cmocka_unit_test(test_cmp_helpers),
      cmocka_unit_test(test_paths),
      cmocka_unit_test(test_finish_and_dump),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
