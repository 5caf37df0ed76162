/*
 * test_rules.c - the rule language and the built-in packs.
 *
 * Every construct must parse to the model the engine reads (rules.h), every
 * error must point at the offending token, and every built-in pack must
 * load, alone and with the others, and print back to rules that parse to
 * the same model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- Helpers ------------------------------------------------------------ */

static RuleSet *parse_ok(const char *text) {
  RuleSet *rs = rules_new();
  RuleError e;
  if (rules_parse(rs, "t.rules", text, "t", &e) != 0)
    fail_msg("unexpected error %s:%d:%d: %s", e.file, e.line, e.col, e.msg);
  rules_finish(rs);
  return rs;
}

static const FuncRule *func(const RuleSet *rs, const char *name) {
  const FuncRule *r = rules_find_func(rs, name);
  if (!r) fail_msg("no rule for %s", name);
  return r;
}

static void assert_step(const TargetStep *s, StepKind kind, const char *field, long index) {
  assert_int_equal(s->kind, kind);
  if (kind == STEP_FIELD) assert_string_equal(s->field, field);
  if (kind == STEP_INDEX) assert_int_equal(s->index, index);
}

static const char *list(const RuleSet *rs, Arena *a) {
  Buf b = {0};
  rules_list(rs, a, &b);
  return buf_str(a, &b);
}

static const char *const KIND_K = "kind k { family f; cwe 772 }\n";

/* ---- Kinds ---------------------------------------------------------------- */

static void test_kind_all_fields(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("# a comment line\n"
                         "kind socket {\n"
                         "  family fd; desc \"socket\"   # trailing comment\n"
                         "  cwe 775\n"
                         "  leak connlint-fd-leak\n"
                         "  help \"Close it \" \"on every path.\"\n"
                         "  scoped\n"
                         "}\n");
  assert_int_equal(rs->nkinds, 1);
  const ResKind *k = rules_find_kind(rs, "socket");
  assert_non_null(k);
  assert_string_equal(k->id, "socket");
  assert_string_equal(k->family, "fd");
  assert_string_equal(k->desc, "socket");
  assert_int_equal(k->cwe, 775);
  assert_string_equal(k->leak_rule, "connlint-fd-leak");
  assert_string_equal(k->help, "Close it on every path.");
  assert_true(k->scoped);
  assert_string_equal(k->pack, "t");
  assert_string_equal(k->loc.file, "t.rules");
  assert_int_equal(k->loc.line, 2);
  assert_int_equal(k->loc.col, 6);
  assert_null(rules_find_kind(rs, "sock"));
  rules_delete(rs);
}

static void test_kind_defaults(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("kind pool_conn { family pool; cwe 772 }\n"
                         "kind x { family f; desc \"a \\\"quoted\\\" \\\\ thing\"; cwe 404 }");
  const ResKind *k = rules_find_kind(rs, "pool_conn");
  assert_string_equal(k->desc, "pool_conn");
  assert_string_equal(k->leak_rule, "connlint-pool-leak");
  assert_non_null(strstr(k->help, "pool_conn"));
  assert_false(k->scoped);
  assert_string_equal(rules_find_kind(rs, "x")->desc, "a \"quoted\" \\ thing");
  rules_delete(rs);
}

/* ---- Function rules ------------------------------------------------------- */

static void test_func_returns(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("kind socket { family fd; cwe 775 }\n"
                         "func socket: returns socket when ret >= 0\n");
  const FuncRule *r = func(rs, "socket");
  assert_string_equal(r->name, "socket");
  assert_string_equal(r->pack, "t");
  assert_int_equal(r->loc.line, 2);
  assert_int_equal(r->loc.col, 6);
  assert_int_equal(r->nacquires, 1);
  assert_ptr_equal(r->acquires[0].kind, rules_find_kind(rs, "socket"));
  assert_int_equal(r->acquires[0].target.arg, TARGET_RET);
  assert_int_equal(r->acquires[0].target.nsteps, 0);
  assert_false(r->acquires[0].when.always);
  assert_int_equal(r->acquires[0].when.op, CMP_GE);
  assert_int_equal(r->acquires[0].when.value, 0);
  assert_int_equal(r->nreleases, 0);
  assert_int_equal(r->ntransfers, 0);
  assert_false(r->borrow_all);
  assert_int_equal(r->borrow_mask, 0);
  assert_int_equal(r->escape_mask, 0);
  assert_false(r->noreturn);
  assert_false(r->from_summary);
  rules_delete(rs);
}

static void test_targets(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("kind k { family f; cwe 772 }\n"
                         "func a: acquires k at *arg3 when ret == 0\n"
                         "func b: acquires k at arg0[0], arg0[1] when ret == 0\n"
                         "func c: acquires k at arg0->fd when ret == 0\n"
                         "func d: acquires k at (*arg1).conn.fd when ret == 0\n"
                         "func e: acquires k at **arg2 when ret == 0\n"
                         "func f: acquires k at *arg0[1] when ret == 0\n"
                         "func g: acquires k at (*arg0)[1] when ret == 0\n"
                         "func h: acquires k at ret.fd when ret == 0\n"
                         "func i: acquires k at arg31[7] when ret == 0\n");
  const Target *t = &func(rs, "a")->acquires[0].target;
  assert_int_equal(t->arg, 3);
  assert_int_equal(t->nsteps, 1);
  assert_step(&t->steps[0], STEP_DEREF, NULL, 0);

  const FuncRule *b = func(rs, "b");
  assert_int_equal(b->nacquires, 2);
  for (int i = 0; i < 2; i++) {
    assert_int_equal(b->acquires[i].target.arg, 0);
    assert_int_equal(b->acquires[i].target.nsteps, 1);
    assert_step(&b->acquires[i].target.steps[0], STEP_INDEX, NULL, i);
    assert_int_equal(b->acquires[i].when.op, CMP_EQ);
  }

  t = &func(rs, "c")->acquires[0].target;
  assert_int_equal(t->nsteps, 2);
  assert_step(&t->steps[0], STEP_DEREF, NULL, 0);
  assert_step(&t->steps[1], STEP_FIELD, "fd", 0);

  t = &func(rs, "d")->acquires[0].target;
  assert_int_equal(t->arg, 1);
  assert_int_equal(t->nsteps, 3);
  assert_step(&t->steps[0], STEP_DEREF, NULL, 0);
  assert_step(&t->steps[1], STEP_FIELD, "conn", 0);
  assert_step(&t->steps[2], STEP_FIELD, "fd", 0);

  t = &func(rs, "e")->acquires[0].target;
  assert_int_equal(t->nsteps, 2);
  assert_step(&t->steps[0], STEP_DEREF, NULL, 0);
  assert_step(&t->steps[1], STEP_DEREF, NULL, 0);

  /* C precedence: *arg0[1] is *(arg0[1]). */
  t = &func(rs, "f")->acquires[0].target;
  assert_int_equal(t->nsteps, 2);
  assert_step(&t->steps[0], STEP_INDEX, NULL, 1);
  assert_step(&t->steps[1], STEP_DEREF, NULL, 0);
  t = &func(rs, "g")->acquires[0].target;
  assert_step(&t->steps[0], STEP_DEREF, NULL, 0);
  assert_step(&t->steps[1], STEP_INDEX, NULL, 1);

  t = &func(rs, "h")->acquires[0].target;
  assert_int_equal(t->arg, TARGET_RET);
  assert_int_equal(t->nsteps, 1);
  assert_step(&t->steps[0], STEP_FIELD, "fd", 0);

  t = &func(rs, "i")->acquires[0].target;
  assert_int_equal(t->arg, 31);
  assert_step(&t->steps[0], STEP_INDEX, NULL, 7);
  rules_delete(rs);
}

static void test_conditions(void **state) {
  (void)state;
  static const struct {
    const char *cond;
    bool always, is_null;
    CmpOp op;
    long value;
  } cases[] = {
      {"when ret == 0", false, false, CMP_EQ, 0},    {"when ret != NULL", false, true, CMP_NE, 0},
      {"when ret == NULL", false, true, CMP_EQ, 0},  {"when ret >= 0", false, false, CMP_GE, 0},
      {"when ret > 0", false, false, CMP_GT, 0},     {"when ret <= -2", false, false, CMP_LE, -2},
      {"when ret < 0x10", false, false, CMP_LT, 16}, {"when ret != -1", false, false, CMP_NE, -1},
      {"when ret==-1", false, false, CMP_EQ, -1},    {"always", true, false, CMP_EQ, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[256];
    snprintf(text, sizeof text, "%sfunc f: acquires k at *arg0 %s\n", KIND_K, cases[i].cond);
    RuleSet *rs = parse_ok(text);
    const SuccessCond *c = &func(rs, "f")->acquires[0].when;
    assert_int_equal(c->always, cases[i].always);
    if (!c->always) {
      assert_int_equal(c->op, cases[i].op);
      assert_int_equal(c->value, cases[i].value);
      assert_int_equal(c->is_null, cases[i].is_null);
    }
    rules_delete(rs);
  }
}

static void test_release_and_transfer(void **state) {
  (void)state;
  RuleSet *rs =
      parse_ok("kind fd { family fd; cwe 775 }\n"
               "kind file { family stdio; cwe 775 }\n"
               "kind heap { family heap; cwe 401 }\n"
               "func close: releases fd at arg0\n"
               "func unlock: releases fd at *arg0, arg1->fd\n"
               "func fdopen: returns file when ret != NULL; moves arg0 into ret; borrows arg1\n"
               "func getline: acquires heap at *arg0 always; moves *arg0 into *arg0\n"
               "func two: acquires fd at *arg0 when ret == 0; returns heap when ret == 0;\n"
               "     moves arg1 into ret\n"
               "func append: returns heap when ret != NULL; moves arg0 into ret else forgets\n");
  const FuncRule *r = func(rs, "close");
  assert_int_equal(r->nreleases, 1);
  assert_string_equal(r->releases[0].family, "fd");
  assert_int_equal(r->releases[0].target.arg, 0);
  assert_int_equal(r->releases[0].target.nsteps, 0);
  assert_false(r->releases[0].partial);
  assert_int_equal(r->nacquires, 0);

  r = func(rs, "unlock");
  assert_int_equal(r->nreleases, 2);
  assert_step(&r->releases[0].target.steps[0], STEP_DEREF, NULL, 0);
  assert_int_equal(r->releases[1].target.arg, 1);
  assert_step(&r->releases[1].target.steps[1], STEP_FIELD, "fd", 0);

  r = func(rs, "fdopen");
  assert_int_equal(r->ntransfers, 1);
  assert_int_equal(r->transfers[0].from.arg, 0);
  assert_int_equal(r->transfers[0].from.nsteps, 0);
  assert_int_equal(r->transfers[0].to, 0);
  assert_false(r->transfers[0].forget_on_failure);
  assert_int_equal(r->borrow_mask, 1u << 1);

  r = func(rs, "append");
  assert_int_equal(r->ntransfers, 1);
  assert_true(r->transfers[0].forget_on_failure);

  r = func(rs, "getline");
  assert_true(r->acquires[0].when.always);
  assert_int_equal(r->transfers[0].from.nsteps, 1);
  assert_int_equal(r->transfers[0].to, 0);

  /* A transfer indexes the acquire whose target it names. */
  r = func(rs, "two");
  assert_int_equal(r->nacquires, 2);
  assert_int_equal(r->transfers[0].to, 1);
  assert_int_equal(r->acquires[r->transfers[0].to].target.arg, TARGET_RET);
  rules_delete(rs);
}

static void test_stores(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("func add: stores arg1 in arg0; borrows all\n"
                         "func copy: stores *arg1 in arg0; borrows all\n"
                         "func setopt: stores arg2 in arg0 when arg1 in (10001,\n"
                         "     10103); borrows all\n");
  const FuncRule *r = func(rs, "add");
  assert_int_equal(r->nstores, 1);
  assert_int_equal(r->stores[0].what.arg, 1);
  assert_int_equal(r->stores[0].what.nsteps, 0);
  assert_int_equal(r->stores[0].in, 0);
  assert_int_equal(r->stores[0].if_arg, -1);
  assert_true(r->borrow_all);

  r = func(rs, "copy");
  assert_int_equal(r->stores[0].what.arg, 1);
  assert_int_equal(r->stores[0].what.nsteps, 1);
  assert_step(&r->stores[0].what.steps[0], STEP_DEREF, NULL, 0);

  r = func(rs, "setopt");
  assert_int_equal(r->stores[0].if_arg, 1);
  assert_int_equal(r->stores[0].nif, 2);
  assert_int_equal(r->stores[0].if_vals[0], 10001);
  assert_int_equal(r->stores[0].if_vals[1], 10103);

  Arena a;
  arena_init(&a);
  const char *text = list(rs, &a);
  assert_non_null(strstr(text, "pack=t  stores *arg1 in arg0; borrows all\n"));
  assert_non_null(strstr(text, "pack=t  stores arg2 in arg0 when arg1 in (10001, 10103); "
                               "borrows all\n"));
  arena_free(&a);
  rules_delete(rs);
}

static void test_borrow_escape_noreturn(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("func read: borrows arg0, arg2\n"
                         "func setopt: borrows all\n"
                         "func store: borrows all; escapes arg1, arg3\n"
                         "func exit, abort: noreturn\n");
  const FuncRule *r = func(rs, "read");
  assert_int_equal(r->borrow_mask, 0x5u);
  assert_false(r->borrow_all);
  assert_true(rules_borrows_arg(r, 0));
  assert_false(rules_borrows_arg(r, 1));
  assert_true(rules_borrows_arg(r, 2));

  r = func(rs, "setopt");
  assert_true(r->borrow_all);
  assert_true(rules_borrows_arg(r, 0));
  assert_true(rules_borrows_arg(r, 40)); /* variadic arguments too */

  r = func(rs, "store");
  assert_int_equal(r->escape_mask, 0xau);
  assert_true(rules_borrows_arg(r, 0));
  assert_false(rules_borrows_arg(r, 1));
  assert_false(rules_borrows_arg(r, 3));
  assert_true(rules_borrows_arg(r, 4));

  assert_true(func(rs, "exit")->noreturn);
  assert_true(func(rs, "abort")->noreturn);
  assert_int_equal(func(rs, "abort")->nacquires, 0);
  rules_delete(rs);
}

static void test_layout(void **state) {
  (void)state;
  /* Lists continue after ',', ':' and ';'; a trailing ';' is allowed. */
  RuleSet *rs = parse_ok("kind k { family f; cwe 772 }\n"
                         "\n"
                         "func a, b,   # a comment inside the list\n"
                         "     c:\n"
                         "     borrows arg0,\n"
                         "             arg1;\n"
                         "     noreturn;\n"
                         "func d: returns k when ret != NULL;\n"
                         "kind k2 { family f2; cwe 401 }\n"
                         "func e: noreturn");
  assert_int_equal(rs->nfuncs, 5);
  for (const char *n = "abc"; *n; n++) {
    char name[2] = {*n, 0};
    const FuncRule *r = func(rs, name);
    assert_int_equal(r->borrow_mask, 0x3u);
    assert_true(r->noreturn);
  }
  assert_int_equal(func(rs, "c")->loc.line, 4);
  assert_int_equal(func(rs, "d")->nacquires, 1);
  assert_non_null(rules_find_kind(rs, "k2"));
  assert_true(func(rs, "e")->noreturn);
  rules_delete(rs);
}

/* ---- Lookup --------------------------------------------------------------- */

static void check_lookup(const RuleSet *rs) {
  assert_string_equal(rules_find_func(rs, "redisConnect")->name, "redisConnect");
  assert_string_equal(rules_find_func(rs, "redisConnectWithTimeout")->name, "redisConnect*");
  assert_string_equal(rules_find_func(rs, "redisConnectUnix")->name, "redisConnectUnix*");
  assert_string_equal(rules_find_func(rs, "redisConnectUnixNonBlock")->name, "redisConnectUnix*");
  assert_string_equal(rules_find_func(rs, "redisCommand")->name, "redis*");
  assert_null(rules_find_func(rs, "redi"));
  assert_null(rules_find_func(rs, "close"));
}

static void test_lookup(void **state) {
  (void)state;
  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_parse(rs, "t.rules",
                               "func redis*: borrows all\n"
                               "func redisConnectUnix*: borrows arg0\n"
                               "func redisConnect*: borrows arg1\n"
                               "func redisConnect: noreturn\n",
                               "t", &e),
                   0);
  assert_int_equal(rs->nfuncs, 1);
  assert_int_equal(rs->npatterns, 3);
  check_lookup(rs); /* before rules_finish: linear, same answers */
  rules_finish(rs);
  assert_true(rs->sorted);
  check_lookup(rs);
  rules_delete(rs);
}

static void test_later_file_replaces_rule(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("kind fd { family fd; cwe 775 }\n"
                         "func close: releases fd at arg0\n"
                         "func conn*: borrows all\n");
  RuleError e;
  assert_int_equal(rules_parse(rs, "user.rules",
                               "func close: borrows all\n"
                               "func conn*: noreturn\n"
                               "func open: returns fd when ret >= 0\n",
                               "user", &e),
                   0);
  rules_finish(rs);
  assert_int_equal(rs->nfuncs, 2);
  assert_int_equal(rs->npatterns, 1);
  const FuncRule *r = func(rs, "close");
  assert_string_equal(r->pack, "user");
  assert_int_equal(r->nreleases, 0);
  assert_true(r->borrow_all);
  assert_true(func(rs, "connect")->noreturn);
  /* The user file used the first file's kind. */
  assert_ptr_equal(func(rs, "open")->acquires[0].kind, rules_find_kind(rs, "fd"));
  rules_delete(rs);
}

/* ---- Errors --------------------------------------------------------------- */

typedef struct ErrCase {
  const char *text;
  int line, col;
  const char *msg;
} ErrCase;

static const ErrCase err_cases[] = {
    /* statements */
    {"funk f: noreturn\n", 1, 1, "expected 'kind' or 'func' to start a rule, found 'funk'"},
    {"  \n\n  42\n", 3, 3, "expected 'kind' or 'func' to start a rule, found '42'"},
    {"func f: noreturn extra\n", 1, 18, "expected end of line, found 'extra'"},
    {"func f: noreturn @\n", 1, 18, "unexpected character '@'"},
    {"func f: noreturn \x01\n", 1, 18, "unexpected byte 0x01"},
    /* kinds */
    {"kind x {\n  famly fd\n}\n", 2, 3,
     "unknown field 'famly' in kind 'x' (expected family, desc, cwe, help, leak, scoped or "
     "permanent)"},
    {"kind { family f }\n", 1, 6, "expected a kind name after 'kind', found '{'"},
    {"kind x family f\n", 1, 8, "expected '{' after kind 'x', found 'family'"},
    {"kind x { cwe 1 }\n", 1, 6, "kind 'x' has no 'family'"},
    {"kind x { family f }\n", 1, 6, "kind 'x' has no 'cwe'"},
    {"kind x { family f; family g; cwe 1 }\n", 1, 20, "field 'family' given twice in kind 'x'"},
    {"kind x { family f; cwe abc }\n", 1, 24,
     "expected a CWE number (such as 775) after 'cwe', found 'abc'"},
    {"kind x { family f; cwe -3 }\n", 1, 24,
     "expected a CWE number (such as 775) after 'cwe', found '-3'"},
    {"kind x { family \"f\"; cwe 1 }\n", 1, 17,
     "expected a family name after 'family', found a string"},
    {"kind x { family f; cwe 1; desc nope }\n", 1, 32,
     "expected a quoted string after 'desc', found 'nope'"},
    {"kind x { family f; cwe 1; desc \"abc\n}\n", 1, 32, "unterminated string"},
    {"kind x { family f; cwe 1; help \"abc", 1, 32, "unterminated string"},
    {"kind x { family f; cwe 1; desc \"a\\qb\" }\n", 1, 34,
     "unknown escape in string (use \\\", \\\\, \\n or \\t)"},
    {"kind x { family f\nfunc g: noreturn\n", 2, 1,
     "expected '}' to close kind 'x' (opened at line 1), found 'func'"},
    {"kind x {\n family f; cwe 1\n", 3, 1,
     "expected '}' to close kind 'x' (opened at line 1), found end of file"},
    {"kind k { family f; cwe 1 }\nkind k { family g; cwe 2 }\n", 2, 6,
     "kind 'k' is already declared at t.rules:1"},
    {"kind x { family f; cwe 1 } extra\n", 1, 28, "expected end of line, found 'extra'"},
    /* function names */
    {"func a-b: noreturn\n", 1, 6, "expected a function name after 'func', found 'a-b'"},
    {"func a, : noreturn\n", 1, 9, "expected a function name after ',', found ':'"},
    {"func f borrows all\n", 1, 8, "expected ',' or ':' after the function name, found 'borrows'"},
    {"func close: noreturn\nfunc open, close: noreturn\n", 2, 12,
     "function 'close' already has a rule at line 1"},
    {"func f, f: noreturn\n", 1, 9, "'f' is listed twice in this rule"},
    {"func f,\n     g, f: noreturn\n", 2, 9, "'f' is listed twice in this rule"},
    {"func hooks.alloc, hooks->alloc: noreturn\n", 1, 19,
     "'hooks.alloc' is listed twice in this rule"},
    {"func hooks.: noreturn\n", 1, 12, "expected a member name after '.', found ':'"},
    {"func hooks->2: noreturn\n", 1, 13, "expected a member name after '->', found '2'"},
    /* clauses */
    {"func f: frees arg0\n", 1, 9,
     "expected a clause (returns, acquires, releases, moves, stores, borrows, escapes, "
     "noreturn, sets, unless, runs, hands back, refs, owns elements, permanent or leaves "
     "locked), found 'frees'"},
    {"func f:\n", 2, 1,
     "expected a clause (returns, acquires, releases, moves, stores, borrows, escapes, "
     "noreturn, sets, unless, runs, hands back, refs, owns elements, permanent or leaves "
     "locked), found end of file"},
    {"func f: returns sock when ret >= 0\n", 1, 17, "unknown kind 'sock'"},
    {"func f: releases fdd at arg0\n", 1, 18, "unknown family 'fdd' (no kind declares it)"},
    {"func f: borrows arg32\n", 1, 17, "argument index 32 is out of range (arg0 to arg31)"},
    {"func f: sets arg0 to arg1\n", 1, 14,
     "'sets' writes through an argument (*argN, argN->field)"},
    {"func f: unless *arg1 1\n", 1, 22,
     "expected a comparison after the target of 'unless', found '1'"},
    {"func f: runs ret\n", 1, 14, "expected an argument (arg0, arg1, ...), found 'ret'"},
    {"func f: releases own fdd\n", 1, 22, "unknown family 'fdd' (no kind declares it)"},
    {"func f: borrows ret\n", 1, 17, "expected an argument (arg0, arg1, ...), found 'ret'"},
    {"func f: escapes all\n", 1, 17, "expected an argument (arg0, arg1, ...), found 'all'"},
    /* targets and conditions (after KIND_K, on line 2) */
    {"K func f: acquires k at arg when ret == 0\n", 2, 23,
     "expected a target (ret, argN, *argN, argN[i], argN->field), found 'arg'"},
    {"K func f: acquires k at arg1 when ret == 0\n", 2, 23,
     "an acquired resource is the return value or is stored through an argument (*argN, "
     "argN[i], argN->field)"},
    {"K func f: acquires k at arg1.f when ret == 0\n", 2, 23,
     "an acquired resource is the return value or is stored through an argument (*argN, "
     "argN[i], argN->field)"},
    {"K func f: acquires k *arg0 when ret == 0\n", 2, 20,
     "expected 'at' after the kind, found '*'"},
    {"K func f: acquires k at *****arg0 when ret == 0\n", 2, 23,
     "target is too deep (at most 4 steps)"},
    {"K func f: acquires k at arg0[x] when ret == 0\n", 2, 28,
     "expected a constant index, found 'x'"},
    {"K func f: acquires k at arg0[1 when ret == 0\n", 2, 30,
     "expected ']' after the index, found 'when'"},
    {"K func f: acquires k at (*arg0 when ret == 0\n", 2, 30,
     "expected ')' in target, found 'when'"},
    {"K func f: acquires k at arg0->3 when ret == 0\n", 2, 29,
     "expected a field name after '->', found '3'"},
    {"K func f: returns k\n", 2, 18,
     "expected a success condition ('when ret OP VALUE' or 'always'), found end of line"},
    {"K func f: returns k when x == 0\n", 2, 24,
     "a success condition tests the return value: expected 'ret', found 'x'"},
    {"K func f: returns k when ret = 0\n", 2, 28, "unexpected '=' (comparisons are written ==)"},
    {"K func f: returns k when ret ! 0\n", 2, 28, "unexpected '!' (comparisons are written !=)"},
    {"K func f: returns k when ret is 0\n", 2, 28,
     "expected a comparison (==, !=, <, <=, >, >=) after 'ret', found 'is'"},
    {"K func f: returns k when ret != nil\n", 2, 31, "expected a number or NULL, found 'nil'"},
    {"K func f: returns k when ret < NULL\n", 2, 30, "NULL can only be compared with == or !="},
    {"K func f: returns k when ret == 99999999999999999999\n", 2, 31, "number out of range"},
    {"K func f: returns k when ret == 12ab\n", 2, 31, "malformed number"},
    {"K func f: releases f at ret\n", 2, 23, "a release names an argument, not the return value"},
    {"K func f: moves ret into ret; returns k when ret != NULL\n", 2, 15,
     "'moves' takes a resource from an argument, not the return value"},
    {"K func f: returns k when ret != NULL; moves arg0 to ret\n", 2, 48,
     "expected 'into' after the moved target, found 'to'"},
    {"K func f: returns k when ret != NULL; moves arg0 into *arg1\n", 2, 53,
     "'moves ... into' must name a target this rule acquires"},
    {"K func f: returns k when ret != NULL; moves arg0 into ret else keeps\n", 2, 62,
     "expected 'forgets' after 'else' (moves ... else forgets), found 'keeps'"},
    {"K func f: stores ret in arg0\n", 2, 16, "'stores' keeps an argument, not the return value"},
    {"K func f: stores arg1 into arg0\n", 2, 21,
     "expected 'in' after the stored target, found 'into'"},
    {"K func f: stores arg1 in ret\n", 2, 24,
     "expected an argument (arg0, arg1, ...), found 'ret'"},
    {"K func f: stores arg1 in arg0 when arg2 in 3\n", 2, 42,
     "expected '(' before the list of values, found '3'"},
    {"K func f: stores arg1 in arg0 when arg2 in (3 4)\n", 2, 45,
     "expected ',' or ')' in the list of values, found '4'"},
    {"K func f: stores arg1 in arg0 when arg2 in (x)\n", 2, 43, "expected a number, found 'x'"},
    /* issue 16 clauses */
    {"K func f: releases f at arg0 when arg1 == 0\n", 2, 33,
     "a success condition tests the return value: expected 'ret', found 'arg1'"},
    {"K func f: releases f at arg0 when ret\n", 2, 36,
     "expected a comparison (==, !=, <, <=, >, >=) after 'ret', found end of line"},
    {"K func f: hands arg0\n", 2, 15, "expected 'back' after 'hands', found 'arg0'"},
    {"K func f: hands back ret\n", 2, 20, "expected an argument (arg0, arg1, ...), found 'ret'"},
    {"K func f: hands back arg0 in situ\n", 2, 28,
     "expected 'place' after 'hands back argN in', found 'situ'"},
    {"K func f: hands back arg0; hands back arg1\n", 2, 26,
     "'hands back' given twice in this rule"},
    {"K func f: refs all\n", 2, 14, "expected an argument (arg0, arg1, ...), found 'all'"},
    {"K func f: owns arg1\n", 2, 14, "expected 'elements' after 'owns', found 'arg1'"},
    {"K func f: owns elements if ret\n", 2, 26,
     "expected an argument (arg0, arg1, ...), found 'ret'"},
    {"K func f: owns elements if arg0; borrows all\n", 2, 9,
     "'owns elements' describes the container this call returns: the rule needs a 'returns' "
     "clause"},
    {"K func f: leaves open\n", 2, 16, "expected 'locked' after 'leaves', found 'open'"},
};

static void test_errors(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof err_cases / sizeof err_cases[0]; i++) {
    const ErrCase *c = &err_cases[i];
    char text[512];
    /* "K " stands for a first line declaring kind k (family f). */
    if (strncmp(c->text, "K ", 2) == 0)
      snprintf(text, sizeof text, "%s%s", KIND_K, c->text + 2);
    else
      snprintf(text, sizeof text, "%s", c->text);
    RuleSet *rs = rules_new();
    RuleError e;
    memset(&e, 0, sizeof e);
    if (rules_parse(rs, "t.rules", text, "t", &e) == 0) fail_msg("case %zu parsed: %s", i, c->text);
    if (strcmp(e.file, "t.rules") != 0 || e.line != c->line || e.col != c->col ||
        strcmp(e.msg, c->msg) != 0)
      fail_msg("case %zu (%s):\n  got      %s:%d:%d: %s\n  expected t.rules:%d:%d: %s", i, c->text,
               e.file, e.line, e.col, e.msg, c->line, c->col, c->msg);
    assert_int_equal(rs->nkinds, 0);
    assert_int_equal(rs->nfuncs, 0);
    rules_delete(rs);
  }
}

static void test_duplicate_kind_across_files(void **state) {
  (void)state;
  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_parse(rs, "first.rules", "kind fd { family fd; cwe 775 }\n", "a", &e), 0);
  assert_int_equal(rules_parse(rs, "second.rules", "\nkind fd { family x; cwe 1 }\n", "b", &e), -1);
  assert_string_equal(e.file, "second.rules");
  assert_int_equal(e.line, 2);
  assert_int_equal(e.col, 6);
  assert_string_equal(e.msg, "kind 'fd' is already declared at first.rules:1");
  rules_delete(rs);
}

static void test_failed_file_changes_nothing(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("kind fd { family fd; cwe 775 }\nfunc close: releases fd at arg0\n");
  RuleError e;
  int rc = rules_parse(rs, "bad.rules",
                       "kind pool { family pool; cwe 772 }\n"
                       "func pool_get: returns pool when ret != NULL\n"
                       "func close: noreturn\n"
                       "func pool_put: releases pool at ret\n",
                       "bad", &e);
  assert_int_equal(rc, -1);
  assert_int_equal(e.line, 4);
  rules_finish(rs);
  assert_int_equal(rs->nkinds, 1);
  assert_int_equal(rs->nfuncs, 1);
  assert_null(rules_find_kind(rs, "pool"));
  assert_null(rules_find_func(rs, "pool_get"));
  assert_int_equal(func(rs, "close")->nreleases, 1);
  assert_false(func(rs, "close")->noreturn);
  rules_delete(rs);
}

/* ---- Files and packs ------------------------------------------------------ */

static void test_load_file(void **state) {
  (void)state;
  char dir[] = "/tmp/connlint-rules-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[128];
  snprintf(path, sizeof path, "%s/pool.rules", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("kind conn { family pool; cwe 772 }\nfunc pool_get: returns conn when ret != NULL\n", f);
  fclose(f);

  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_load_file(rs, path, NULL, &e), 0);
  rules_finish(rs);
  assert_string_equal(rules_find_kind(rs, "conn")->pack, "pool");
  assert_string_equal(func(rs, "pool_get")->pack, "pool");
  assert_string_equal(func(rs, "pool_get")->loc.file, path);
  assert_int_equal(rules_load_file(rs, path, "mine", &e), -1); /* kind conn twice */
  assert_int_equal(e.line, 1);

  char missing[160];
  snprintf(missing, sizeof missing, "%s/missing.rules", dir);
  assert_int_equal(rules_load_file(rs, missing, NULL, &e), -1);
  assert_string_equal(e.file, missing);
  assert_int_equal(e.line, 0);
  assert_string_equal(e.msg, "No such file or directory");
  unlink(path);
  rmdir(dir);
  rules_delete(rs);
}

/* rules/README.md's worked example is a real file that must keep working. */
static void test_readme_example(void **state) {
  (void)state;
  char path[1024];
  snprintf(path, sizeof path, "%s", __FILE__);
  char *slash = strrchr(path, '/');
  assert_non_null(slash);
  snprintf(slash, sizeof path - (size_t)(slash - path), "/../../rules/examples/pool.rules");

  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_load_builtin(rs, NULL, &e), 0);
  if (rules_load_file(rs, path, NULL, &e) != 0)
    fail_msg("%s:%d:%d: %s", e.file, e.line, e.col, e.msg);
  rules_finish(rs);
  const ResKind *conn = rules_find_kind(rs, "pool_conn");
  assert_non_null(conn);
  assert_string_equal(conn->pack, "pool");
  assert_string_equal(conn->leak_rule, "connlint-pool-leak");
  const FuncRule *r = func(rs, "pool_checkout");
  assert_ptr_equal(r->acquires[0].kind, conn);
  assert_int_equal(r->acquires[0].target.arg, 1);
  assert_int_equal(r->acquires[0].when.op, CMP_EQ);
  assert_string_equal(func(rs, "pool_checkin")->releases[0].family, "pool_conn");
  assert_int_equal(func(rs, "pool_checkin")->releases[0].target.arg, 1);
  r = func(rs, "pool_adopt");
  assert_int_equal(r->transfers[0].from.arg, 1);
  assert_false(rules_borrows_arg(func(rs, "pool_set_tag"), 1));
  /* free() on a pooled connection is a mismatch: another family. */
  assert_string_not_equal(func(rs, "free")->releases[0].family, conn->family);
  rules_delete(rs);
}

/* Each pack's leak rule id (notes/COMMON.md). */
static const struct {
  const char *pack, *leak, *leak2;
} pack_leaks[] = {
    {"curl", "connlint-curl-leak", NULL},
    {"dirent", "connlint-dir-leak", NULL},
    {"grpc", "connlint-grpc-leak", NULL},
    {"heap", "connlint-memory-leak", NULL},
    {"hiredis", "connlint-redis-leak", NULL},
    {"libpq", "connlint-pq-leak", NULL},
    {"microhttpd", "connlint-mhd-leak", NULL},
    {"netdb", "connlint-addrinfo-leak", NULL},
    {"openssl", "connlint-ssl-leak", NULL},
    {"posix", "connlint-fd-leak", NULL},
    {"pthread", "connlint-thread-leak", "connlint-lock-not-released"},
    {"sqlite3", "connlint-sqlite-leak", NULL},
    {"stdio", "connlint-file-leak", NULL},
};
enum { NPACKS = sizeof pack_leaks / sizeof pack_leaks[0] };

static void test_builtin_packs_load(void **state) {
  (void)state;
  const char *const *names = rules_builtin_pack_names();
  int n = 0;
  for (; names[n]; n++) {
    assert_true(n < NPACKS);
    assert_string_equal(names[n], pack_leaks[n].pack);
  }
  assert_int_equal(n, NPACKS);

  /* Each pack alone: self-contained, with kinds and rules. */
  int total_funcs = 0, total_kinds = 0;
  for (int i = 0; i < n; i++) {
    RuleSet *rs = rules_new();
    RuleError e;
    if (rules_load_builtin(rs, names[i], &e) != 0)
      fail_msg("%s:%d:%d: %s", e.file, e.line, e.col, e.msg);
    assert_true(rs->nkinds > 0);
    assert_true(rs->nfuncs > 0);
    for (int k = 0; k < rs->nkinds; k++) {
      const ResKind *kind = rs->kinds[k];
      assert_string_equal(kind->pack, names[i]);
      if (strcmp(kind->leak_rule, pack_leaks[i].leak) != 0 &&
          (!pack_leaks[i].leak2 || strcmp(kind->leak_rule, pack_leaks[i].leak2) != 0))
        fail_msg("kind %s of pack %s has leak rule %s", kind->id, names[i], kind->leak_rule);
      assert_true(kind->cwe > 0);
      assert_true(strlen(kind->help) > 20);
    }
    total_funcs += rs->nfuncs + rs->npatterns;
    total_kinds += rs->nkinds;
    rules_delete(rs);
  }

  /* All together (NULL: every pack): no kind or function in two packs. */
  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_load_builtin(rs, NULL, &e), 0);
  rules_finish(rs);
  assert_int_equal(rs->nkinds, total_kinds);
  assert_int_equal(rs->nfuncs + rs->npatterns, total_funcs);

  assert_int_equal(rules_load_builtin(rs, "nosuch", &e), -1);
  assert_string_equal(e.file, "");
  assert_int_equal(e.line, 0);
  assert_non_null(strstr(e.msg, "unknown rule pack 'nosuch'"));
  assert_non_null(strstr(e.msg, " posix "));
  rules_delete(rs);
}

/* Spot checks of conventions the engine depends on. */
static void test_builtin_conventions(void **state) {
  (void)state;
  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_load_builtin(rs, NULL, &e), 0);
  rules_finish(rs);

  const FuncRule *r = func(rs, "socket");
  assert_string_equal(r->acquires[0].kind->id, "socket");
  assert_int_equal(r->acquires[0].when.op, CMP_GE);

  r = func(rs, "pipe");
  assert_int_equal(r->nacquires, 2);
  assert_int_equal(r->acquires[1].target.steps[0].kind, STEP_INDEX);
  assert_int_equal(r->acquires[1].target.steps[0].index, 1);

  r = func(rs, "getaddrinfo");
  assert_int_equal(r->acquires[0].target.arg, 3);
  assert_int_equal(r->acquires[0].when.op, CMP_EQ);

  /* fclose and pclose release different families. */
  assert_string_equal(func(rs, "fclose")->releases[0].family,
                      func(rs, "fopen")->acquires[0].kind->family);
  assert_string_equal(func(rs, "pclose")->releases[0].family,
                      func(rs, "popen")->acquires[0].kind->family);
  assert_string_not_equal(func(rs, "fclose")->releases[0].family,
                          func(rs, "pclose")->releases[0].family);

  r = func(rs, "fdopen");
  assert_int_equal(r->ntransfers, 1);
  assert_int_equal(r->transfers[0].from.arg, 0);

  r = func(rs, "realloc");
  assert_int_equal(r->ntransfers, 1);
  assert_true(r->acquires[0].when.is_null);

  r = func(rs, "getline");
  assert_true(r->acquires[0].when.always);
  assert_int_equal(r->ntransfers, 1);

  r = func(rs, "mmap");
  assert_int_equal(r->acquires[0].when.op, CMP_NE);
  assert_int_equal(r->acquires[0].when.value, -1);

  r = func(rs, "pthread_mutex_lock");
  assert_true(r->acquires[0].kind->scoped);
  assert_int_equal(r->acquires[0].target.steps[0].kind, STEP_DEREF);
  assert_string_equal(func(rs, "pthread_mutex_unlock")->releases[0].family, "mutex");
  assert_false(func(rs, "pthread_create")->acquires[0].kind->scoped);
  assert_false(rules_borrows_arg(func(rs, "pthread_create"), 3));

  r = func(rs, "sqlite3_open_v2");
  assert_true(r->acquires[0].when.always);
  assert_int_equal(r->acquires[0].target.arg, 1);
  assert_int_equal(func(rs, "sqlite3_prepare_v2")->acquires[0].target.arg, 3);
  assert_int_equal(func(rs, "sqlite3_prepare_v3")->acquires[0].target.arg, 4);

  assert_string_equal(func(rs, "redisConnectWithTimeout")->name, "redisConnect*");
  assert_int_equal(func(rs, "redisConnectFd")->ntransfers, 1);
  assert_string_equal(func(rs, "BIO_new_socket")->name, "BIO_new*");
  assert_string_equal(func(rs, "BIO_new_bio_pair")->name, "BIO_new_bio_pair");
  assert_string_equal(func(rs, "sqlite3_bind_text")->name, "sqlite3_bind_*");
  assert_true(func(rs, "sqlite3_bind_int")->borrow_all);

  r = func(rs, "curl_slist_append");
  assert_int_equal(r->ntransfers, 1);
  assert_true(rules_borrows_arg(func(rs, "curl_multi_add_handle"), 1));

  const char *noreturn[] = {"exit",       "_exit",         "_Exit",       "abort",      "err",
                            "errx",       "verr",          "verrx",       "quick_exit", "longjmp",
                            "siglongjmp", "__assert_fail", "pthread_exit"};
  for (size_t i = 0; i < sizeof noreturn / sizeof noreturn[0]; i++)
    assert_true(func(rs, noreturn[i])->noreturn);

  const char *borrowers[] = {"read",
                             "write",
                             "send",
                             "recv",
                             "connect",
                             "setsockopt",
                             "epoll_ctl",
                             "fprintf",
                             "fgets",
                             "fileno",
                             "readdir",
                             "memcpy",
                             "strlen",
                             "curl_easy_setopt",
                             "curl_easy_perform",
                             "PQntuples",
                             "PQgetvalue",
                             "sqlite3_step",
                             "sqlite3_column_text",
                             "SSL_read",
                             "SSL_set_fd",
                             "MHD_queue_response"};
  for (size_t i = 0; i < sizeof borrowers / sizeof borrowers[0]; i++)
    assert_true(rules_borrows_arg(func(rs, borrowers[i]), 0));
  rules_delete(rs);
}

static bool same_target(const Target *a, const Target *b) {
  if (a->arg != b->arg || a->nsteps != b->nsteps) return false;
  for (int i = 0; i < a->nsteps; i++) {
    const TargetStep *x = &a->steps[i], *y = &b->steps[i];
    if (x->kind != y->kind || (x->kind == STEP_INDEX && x->index != y->index) ||
        (x->kind == STEP_FIELD && strcmp(x->field, y->field) != 0))
      return false;
  }
  return true;
}

static bool same_rule(const FuncRule *a, const FuncRule *b) {
  if (a->nacquires != b->nacquires || a->nreleases != b->nreleases ||
      a->ntransfers != b->ntransfers || a->borrow_all != b->borrow_all ||
      a->borrow_mask != b->borrow_mask || a->escape_mask != b->escape_mask ||
      a->noreturn != b->noreturn || a->hands_back != b->hands_back ||
      a->hands_back_in_place != b->hands_back_in_place ||
      (a->hands_back && a->hands_back_arg != b->hands_back_arg) || a->ref_mask != b->ref_mask ||
      a->owns_elements != b->owns_elements ||
      (a->owns_elements && a->owns_if_arg != b->owns_if_arg) || a->permanent != b->permanent ||
      a->leaves_locked != b->leaves_locked || a->returns_arg != b->returns_arg ||
      a->returns_into != b->returns_into)
    return false;
  for (int i = 0; i < a->nacquires; i++) {
    const Acquire *x = &a->acquires[i], *y = &b->acquires[i];
    if (strcmp(x->kind->id, y->kind->id) != 0 || !same_target(&x->target, &y->target) ||
        x->when.always != y->when.always || x->when.is_null != y->when.is_null ||
        (!x->when.always && (x->when.op != y->when.op || x->when.value != y->when.value)))
      return false;
  }
  for (int i = 0; i < a->nreleases; i++)
    if (strcmp(a->releases[i].family, b->releases[i].family) != 0 ||
        !same_target(&a->releases[i].target, &b->releases[i].target) ||
        a->releases[i].conditional != b->releases[i].conditional ||
        (a->releases[i].conditional && (a->releases[i].when.op != b->releases[i].when.op ||
                                        a->releases[i].when.value != b->releases[i].when.value)))
      return false;
  for (int i = 0; i < a->ntransfers; i++)
    if (a->transfers[i].to != b->transfers[i].to ||
        a->transfers[i].forget_on_failure != b->transfers[i].forget_on_failure ||
        !same_target(&a->transfers[i].from, &b->transfers[i].from))
      return false;
  if (a->nstores != b->nstores) return false;
  for (int i = 0; i < a->nstores; i++) {
    const Store *x = &a->stores[i], *y = &b->stores[i];
    if (x->in != y->in || x->if_arg != y->if_arg || x->nif != y->nif ||
        !same_target(&x->what, &y->what))
      return false;
    for (int k = 0; k < x->nif; k++)
      if (x->if_vals[k] != y->if_vals[k]) return false;
  }
  return true;
}

/* --list-rules prints each function as clauses that parse back to it. */
static void test_builtin_list_round_trip(void **state) {
  (void)state;
  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_load_builtin(rs, NULL, &e), 0);
  rules_finish(rs);
  Arena a;
  arena_init(&a);
  const char *text = list(rs, &a);

  Buf redo = {0};
  int nkind_lines = 0, nfunc_lines = 0;
  for (const char *line = text; *line;) {
    const char *end = strchr(line, '\n');
    assert_non_null(end);
    if (strncmp(line, "kind ", 5) == 0) {
      nkind_lines++;
    } else {
      /* "func NAME  pack=P  CLAUSES" -> "func NAME: CLAUSES" */
      assert_memory_equal(line, "func ", 5);
      const char *name = line + 5, *name_end = strchr(name, ' ');
      const char *clauses = strstr(strstr(name_end, "pack="), "  ") + 2;
      buf_printf(&a, &redo, "func %.*s: %.*s\n", (int)(name_end - name), name, (int)(end - clauses),
                 clauses);
      nfunc_lines++;
    }
    line = end + 1;
  }
  assert_int_equal(nkind_lines, rs->nkinds);
  assert_int_equal(nfunc_lines, rs->nfuncs + rs->npatterns);

  RuleSet *again = rules_new();
  assert_int_equal(rules_load_builtin(again, NULL, &e), 0);
  if (rules_parse(again, "listed.rules", buf_str(&a, &redo), "listed", &e) != 0)
    fail_msg("%s:%d:%d: %s", e.file, e.line, e.col, e.msg);
  rules_finish(again);
  for (int i = 0; i < rs->nfuncs; i++) {
    const FuncRule *r = rs->funcs[i], *r2 = func(again, r->name);
    assert_string_equal(r2->pack, "listed");
    if (!same_rule(r, r2)) fail_msg("%s does not survive printing", r->name);
  }
  rules_delete(again);
  arena_free(&a);
  rules_delete(rs);
}

/* The clauses of issue 16: what each one sets, and that every example pack
   (rules/examples/) prints back to the same rules. */
static void test_issue16_clauses(void **state) {
  (void)state;
  RuleSet *rs = parse_ok("kind obj { family obj; cwe 772 }\n"
                         "kind boot { family boot; cwe 772; permanent }\n"
                         "func str_append: hands back arg0; borrows all\n"
                         "func str_trim: hands back arg0 in place\n"
                         "func buf_append: releases obj at arg0 when ret < 0; borrows arg1\n"
                         "func obj_ref: refs arg0, arg1; hands back arg0 in place\n"
                         "func list_new: returns obj when ret != NULL; owns elements if arg0\n"
                         "func log_open: permanent\n"
                         "func db_lock: leaves locked\n"
                         "func hooks.alloc, srv->cb.free: returns obj when ret != NULL\n");
  assert_true(rules_find_kind(rs, "boot")->permanent);
  const FuncRule *r = func(rs, "str_append");
  assert_true(r->hands_back && !r->hands_back_in_place);
  assert_int_equal(r->hands_back_arg, 0);
  assert_true(func(rs, "str_trim")->hands_back_in_place);
  r = func(rs, "buf_append");
  assert_true(r->releases[0].conditional);
  assert_int_equal(r->releases[0].when.op, CMP_LT);
  r = func(rs, "obj_ref");
  assert_int_equal(r->ref_mask, 3);
  r = func(rs, "list_new");
  assert_true(r->owns_elements);
  assert_int_equal(r->owns_if_arg, 0);
  assert_true(func(rs, "log_open")->permanent);
  assert_true(func(rs, "db_lock")->leaves_locked);
  assert_non_null(func(rs, "hooks.alloc"));
  assert_ptr_equal(rules_find_indirect(rs, "cfg.hooks.alloc", NULL), func(rs, "hooks.alloc"));
  assert_ptr_equal(rules_find_indirect(rs, NULL, "srv.cb.free"), func(rs, "srv.cb.free"));
  assert_null(rules_find_indirect(rs, "alloc", "other.alloc"));

  Arena a;
  arena_init(&a);
  const char *text = list(rs, &a);
  assert_non_null(strstr(text, "pack=t  releases obj at arg0 when ret < 0; borrows arg1\n"));
  assert_non_null(strstr(text, "pack=t  hands back arg0 in place; refs arg0, arg1\n"));
  assert_non_null(strstr(text, "pack=t  returns obj when ret != NULL; owns elements if arg0\n"));
  assert_non_null(strstr(text, "kind boot  family=boot cwe=772 leak=connlint-boot-leak pack=t "
                               "permanent"));
  arena_free(&a);
  rules_delete(rs);
}

static void test_examples_round_trip(void **state) {
  (void)state;
  static const char *const packs[] = {"pool", "sds", "glib", "mempool", "redis"};
  for (size_t i = 0; i < sizeof packs / sizeof packs[0]; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    assert_non_null(slash);
    snprintf(slash, sizeof path - (size_t)(slash - path), "/../../rules/examples/%s.rules",
             packs[i]);
    RuleSet *rs = rules_new();
    RuleError e;
    assert_int_equal(rules_load_builtin(rs, NULL, &e), 0);
    if (rules_load_file(rs, path, NULL, &e) != 0)
      fail_msg("%s:%d:%d: %s", e.file, e.line, e.col, e.msg);
    rules_finish(rs);
    Arena a;
    arena_init(&a);
    Buf b = {0};
    const char *pack = arena_printf(&a, "  pack=%s  ", packs[i]);
    /* "func NAME  pack=P  CLAUSES" -> "func NAME: CLAUSES" */
    for (const char *line = list(rs, &a); *line;) {
      const char *end = strchr(line, '\n');
      assert_non_null(end);
      const char *at = strstr(line, pack);
      if (strncmp(line, "func ", 5) == 0 && at && at < end) {
        const char *name_end = strchr(line + 5, ' ');
        const char *clauses = at + strlen(pack);
        buf_printf(&a, &b, "func %.*s: %.*s\n", (int)(name_end - line - 5), line + 5,
                   (int)(end - clauses), clauses);
      }
      line = end + 1;
    }
    RuleSet *again = rules_new();
    assert_int_equal(rules_load_builtin(again, NULL, &e), 0);
    assert_int_equal(rules_load_file(again, path, NULL, &e), 0); /* its kinds */
    if (rules_parse(again, "listed.rules", buf_str(&a, &b), "listed", &e) != 0)
      fail_msg("%s:%d:%d: %s", e.file, e.line, e.col, e.msg);
    rules_finish(again);
    for (int k = 0; k < rs->nfuncs; k++) {
      const FuncRule *r = rs->funcs[k];
      if (strcmp(r->pack, packs[i]) != 0) continue;
      const FuncRule *r2 = func(again, r->name);
      assert_string_equal(r2->pack, "listed");
      if (!same_rule(r, r2)) fail_msg("%s (%s) does not survive printing", r->name, packs[i]);
    }
    rules_delete(again);
    arena_free(&a);
    rules_delete(rs);
  }
}

static void test_list_output(void **state) {
  (void)state;
  RuleSet *rs =
      parse_ok("kind sock { family fd; desc \"socket\"; cwe 775; leak connlint-fd-leak }\n"
               "kind mtx { family lock; cwe 667; scoped }\n"
               "func socket: returns sock when ret >= 0\n"
               "func pipe: acquires sock at arg0[0], arg0[1] when ret == 0; borrows all; "
               "returns one of (0, -1)\n"
               "func close: releases fd at arg0\n"
               "func fdopen_like: borrows arg1; moves arg0 into ret; "
               "returns sock when ret != NULL\n"
               "func lock: acquires mtx at (*arg0).m when ret == 0\n"
               "func idx: acquires mtx at (*arg0)[2], *arg1[3] always\n"
               "func die: noreturn; escapes arg2, arg1\n"
               "func copy: borrows all; returns arg0\n"
               "func find: borrows all; returns into arg0\n"
               "func setfd: borrows all; returns 0 when arg1 in (2, 4)\n"
               "func conn*: returns sock when ret != NULL\n");
  Arena a;
  arena_init(&a);
  assert_string_equal(
      list(rs, &a),
      "kind mtx   family=lock cwe=667 leak=connlint-lock-leak pack=t scoped desc=\"mtx\"\n"
      "kind sock  family=fd cwe=775 leak=connlint-fd-leak pack=t desc=\"socket\"\n"
      "func close        pack=t  releases fd at arg0\n"
      "func conn*        pack=t  returns sock when ret != NULL\n"
      "func copy         pack=t  borrows all; returns arg0\n"
      "func die          pack=t  escapes arg1, arg2; noreturn\n"
      "func fdopen_like  pack=t  returns sock when ret != NULL; moves arg0 into ret; borrows arg1\n"
      "func find         pack=t  borrows all; returns into arg0\n"
      "func idx          pack=t  acquires mtx at (*arg0)[2], *arg1[3] always\n"
      "func lock         pack=t  acquires mtx at arg0->m when ret == 0\n"
      "func pipe         pack=t  acquires sock at arg0[0], arg0[1] when ret == 0; borrows all; "
      "returns one of (-1, 0)\n"
      "func setfd        pack=t  borrows all; returns 0 when arg1 in (2, 4)\n"
      "func socket       pack=t  returns sock when ret >= 0\n");
  arena_free(&a);
  rules_delete(rs);
}

/* ---- Ownership attributes --------------------------------------------------- */

static FuncDecl *decl(Arena *a, const char *name, OwnershipKind kind, const char *module, int arg) {
  FuncDecl *d = ARENA_NEW(a, FuncDecl);
  d->name = name;
  d->loc = (Loc){"src/pool.h", 10, 7};
  d->nattrs = 1;
  d->attrs = ARENA_NEW(a, OwnershipAttr);
  d->attrs->kind = kind;
  d->attrs->module = module;
  if (arg >= 0) {
    d->attrs->nargs = 1;
    d->attrs->args = ARENA_NEW(a, int);
    d->attrs->args[0] = arg;
  }
  return d;
}

static void test_ownership_attrs(void **state) {
  (void)state;
  Unit u;
  memset(&u, 0, sizeof u);
  arena_init(&u.arena);
  FuncDecl *decls[7];
  decls[0] = decl(&u.arena, "xmalloc", OWN_RETURNS, "malloc", -1);
  decls[1] = decl(&u.arena, "xfree", OWN_TAKES, "malloc", 0);
  decls[2] = decl(&u.arena, "pool_get", OWN_RETURNS, "pool", -1);
  decls[3] = decl(&u.arena, "pool_put", OWN_TAKES, "pool", 1);
  decls[4] = decl(&u.arena, "pool_keep", OWN_HOLDS, "pool", 2);
  decls[5] = decl(&u.arena, "free", OWN_TAKES, "malloc", 0); /* a pack rule exists */
  decls[6] = ARENA_NEW(&u.arena, FuncDecl);                  /* no attributes */
  decls[6]->name = "plain";
  u.decls = decls;
  u.ndecls = 7;

  RuleSet *rs = rules_new();
  RuleError e;
  assert_int_equal(rules_load_builtin(rs, "heap", &e), 0);
  rules_finish(rs);
  int nkinds = rs->nkinds;
  const FuncRule *pack_free = func(rs, "free");
  rules_add_ownership_attrs(rs, &u);
  assert_true(rs->sorted);

  /* "malloc" is the heap: the pack's kind, released by free(). */
  const FuncRule *r = func(rs, "xmalloc");
  assert_string_equal(r->pack, "attrs");
  assert_ptr_equal(r->acquires[0].kind, rules_find_kind(rs, "heap"));
  assert_int_equal(r->acquires[0].target.arg, TARGET_RET);
  assert_true(r->acquires[0].when.is_null);
  assert_int_equal(r->acquires[0].when.op, CMP_NE);
  assert_int_equal(r->loc.line, 10);
  assert_string_equal(r->loc.file, "src/pool.h");
  assert_string_equal(func(rs, "xfree")->releases[0].family, "heap");
  assert_int_equal(func(rs, "xfree")->releases[0].target.arg, 0);

  /* Another module is a kind and family of its own. */
  assert_int_equal(rs->nkinds, nkinds + 1);
  const ResKind *pool = rules_find_kind(rs, "pool");
  assert_non_null(pool);
  assert_string_equal(pool->family, "pool");
  assert_string_equal(pool->leak_rule, "connlint-pool-leak");
  assert_string_equal(pool->pack, "attrs");
  assert_ptr_equal(func(rs, "pool_get")->acquires[0].kind, pool);
  assert_string_equal(func(rs, "pool_put")->releases[0].family, "pool");
  assert_int_equal(func(rs, "pool_put")->releases[0].target.arg, 1);
  assert_int_equal(func(rs, "pool_keep")->escape_mask, 1u << 2);
  assert_int_equal(func(rs, "pool_keep")->nreleases, 0);

  assert_ptr_equal(func(rs, "free"), pack_free);
  assert_null(rules_find_func(rs, "plain"));

  /* A second unit declaring the same functions adds nothing. */
  int nfuncs = rs->nfuncs;
  rules_add_ownership_attrs(rs, &u);
  assert_int_equal(rs->nfuncs, nfuncs);
  assert_int_equal(rs->nkinds, nkinds + 1);
  rules_delete(rs);

  /* Without the heap pack, "malloc" still means the heap family. */
  rs = rules_new();
  rules_add_ownership_attrs(rs, &u);
  const ResKind *heap = func(rs, "xmalloc")->acquires[0].kind;
  assert_string_equal(heap->id, "heap");
  assert_string_equal(heap->family, "heap");
  assert_int_equal(heap->cwe, 401);
  assert_string_equal(heap->leak_rule, "connlint-memory-leak");
  assert_string_equal(func(rs, "free")->releases[0].family, "heap");
  rules_delete(rs);
  arena_free(&u.arena);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kind_all_fields),
      cmocka_unit_test(test_kind_defaults),
      cmocka_unit_test(test_func_returns),
      cmocka_unit_test(test_targets),
      cmocka_unit_test(test_conditions),
      cmocka_unit_test(test_release_and_transfer),
      cmocka_unit_test(test_stores),
      cmocka_unit_test(test_borrow_escape_noreturn),
      cmocka_unit_test(test_layout),
      cmocka_unit_test(test_lookup),
      cmocka_unit_test(test_later_file_replaces_rule),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_duplicate_kind_across_files),
      cmocka_unit_test(test_failed_file_changes_nothing),
      cmocka_unit_test(test_load_file),
      cmocka_unit_test(test_readme_example),
      cmocka_unit_test(test_builtin_packs_load),
      cmocka_unit_test(test_builtin_conventions),
      cmocka_unit_test(test_builtin_list_round_trip),
      cmocka_unit_test(test_issue16_clauses),
      cmocka_unit_test(test_examples_round_trip),
      cmocka_unit_test(test_list_output),
      cmocka_unit_test(test_ownership_attrs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
