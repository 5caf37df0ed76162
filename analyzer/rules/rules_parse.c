/*
 * rules_parse.c - reads the rule language (rules/README.md) into the model
 * of rules.h.
 *
 * A file holds two kinds of statements, one per line (a line may continue
 * after ',', ':' or ';', and inside a kind's braces):
 *
 *   kind socket { family fd; desc "socket"; cwe 775; leak connlint-fd-leak }
 *   func fdopen: returns file when ret != NULL; moves arg0 into ret
 *   func curl_easy_setopt: stores arg2 in arg0; borrows all
 *
 * The parser is a plain recursive descent over rules_lex.c's tokens. The
 * first problem stops it and is reported once, at the offending token; the
 * file's kinds and rules go into a RuleDraft that joins the set only when
 * the whole file has parsed.
 */
#include "rules_int.h"
#include "rules_lex_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Parser {
  Lexer lx;
  Token tok;
  RuleSet *rs;
  Arena *a;       /* the set's arena: records that are kept */
  Arena *scratch; /* vectors and strings used while parsing */
  const char *file;
  const char *pack;
  RuleDraft d;
  RuleError *err;
  bool failed;
} Parser;

/* A `moves FROM into TO` waiting for the rule's acquires to be known. */
typedef struct PendingMove {
  Target from, to;
  Token to_tok;
  bool forget_on_failure; /* `else forgets` */
} PendingMove;

/* One func statement's clauses, before they become FuncRules. */
typedef struct FuncBody {
  Vec acquires; /* Acquire * */
  Vec releases; /* Release * */
  Vec moves;    /* PendingMove * */
  Vec stores;   /* Store * */
  unsigned borrow_mask, escape_mask, ref_mask;
  bool borrow_all, noreturn;
  bool hands_back, in_place;
  int hands_back_arg;
  bool owns_elements;
  int owns_if_arg;
  Token owns_tok;
  bool permanent, leaves_locked;
  int returns_arg;  /* `returns argN`: N + 1 */
  int returns_into; /* `returns into argN`: N + 1 */
  bool ret_when;    /* `returns N when argK in (...)` */
  long ret_when_value;
  int ret_when_arg, ret_when_n;
  long *ret_when_vals;
  bool ret_range; /* `returns one of (...)` */
  long ret_lo, ret_hi;
  bool has_set, has_unless, runs;
  Target set_dst, unless_at;
  int set_src, runs_arg;
  CmpOp unless_op;
  long unless_c;
  const char *releases_own;
} FuncBody;

/* ---- Tokens and errors -------------------------------------------------- */

static bool fail_at(Parser *p, const Token *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail_at(Parser *p, const Token *t, const char *fmt, ...) {
  if (p->failed) return false;
  p->failed = true;
  snprintf(p->err->file, sizeof p->err->file, "%s", p->file);
  p->err->line = t->line;
  p->err->col = t->col;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
  va_end(ap);
  return false;
}

static const char *describe(Parser *p, const Token *t) {
  switch (t->kind) {
  case TK_EOF: return "end of file";
  case TK_NEWLINE: return "end of line";
  case TK_STRING: return "a string";
  default: return arena_printf(p->scratch, "'%.*s'", t->len > 40 ? 40 : t->len, t->text);
  }
}

static bool next(Parser *p) {
  if (p->failed) return false;
  const char *msg = lex_next(&p->lx, &p->tok);
  if (msg) {
    fail_at(p, &p->tok, "%s", msg);
    p->tok.kind = TK_EOF;
    return false;
  }
  return true;
}

static bool skip_newlines(Parser *p) {
  while (p->tok.kind == TK_NEWLINE)
    if (!next(p)) return false;
  return true;
}

static bool tok_is(const Token *t, TokKind kind, const char *s) {
  return t->kind == kind && (size_t)t->len == strlen(s) && strncmp(t->text, s, (size_t)t->len) == 0;
}

static bool is_word(Parser *p, const char *s) {
  return tok_is(&p->tok, TK_WORD, s);
}

static bool is_punct(Parser *p, const char *s) {
  return tok_is(&p->tok, TK_PUNCT, s);
}

/* A word usable as a name: not a pattern. */
static bool is_ident(const Token *t) {
  return t->kind == TK_WORD && t->text[t->len - 1] != '*';
}

static char *tok_dup(Arena *a, const Token *t) {
  return arena_strndup(a, t->text, (size_t)t->len);
}

static Loc tok_loc(Parser *p, const Token *t) {
  return (Loc){p->file, t->line, t->col};
}

/* At the start of a statement (after a newline): ends a clause list. */
static bool at_statement_start(Parser *p) {
  return p->tok.kind == TK_EOF || (p->tok.bol && (is_word(p, "kind") || is_word(p, "func")));
}

/* ---- kind NAME { field... } --------------------------------------------- */

/* One or more adjacent strings, concatenated (help texts run long). */
static const char *parse_strings(Parser *p, const char *field) {
  if (p->tok.kind != TK_STRING) {
    fail_at(p, &p->tok, "expected a quoted string after '%s', found %s", field,
            describe(p, &p->tok));
    return NULL;
  }
  Buf b = {0};
  while (p->tok.kind == TK_STRING) {
    buf_puts(p->scratch, &b, p->tok.str);
    if (!next(p) || !skip_newlines(p)) return NULL;
  }
  return arena_strdup(p->a, buf_str(p->scratch, &b));
}

static bool parse_kind_field(Parser *p, ResKind *k, unsigned *seen) {
  static const char *const fields[] = {"family", "desc",   "cwe",      "help",
                                       "leak",   "scoped", "permanent"};
  int f = -1;
  for (int i = 0; i < 7; i++)
    if (is_word(p, fields[i])) f = i;
  if (f < 0)
    return fail_at(p, &p->tok,
                   "unknown field %s in kind '%s' (expected family, desc, cwe, help, leak, "
                   "scoped or permanent)",
                   describe(p, &p->tok), k->id);
  if (*seen & (1u << f))
    return fail_at(p, &p->tok, "field '%s' given twice in kind '%s'", fields[f], k->id);
  *seen |= 1u << f;
  if (!next(p)) return false;

  switch (f) {
  case 0: /* family */
  case 4: /* leak */
    if (!is_ident(&p->tok))
      return fail_at(p, &p->tok, "expected a %s after '%s', found %s",
                     f == 0 ? "family name" : "rule id", fields[f], describe(p, &p->tok));
    if (f == 0)
      k->family = tok_dup(p->a, &p->tok);
    else
      k->leak_rule = tok_dup(p->a, &p->tok);
    return next(p);
  case 1: return (k->desc = parse_strings(p, "desc")) != NULL;
  case 3: return (k->help = parse_strings(p, "help")) != NULL;
  case 2:
    if (p->tok.kind != TK_INT || p->tok.num <= 0 || p->tok.num > 100000)
      return fail_at(p, &p->tok, "expected a CWE number (such as 775) after 'cwe', found %s",
                     describe(p, &p->tok));
    k->cwe = (int)p->tok.num;
    return next(p);
  case 5: k->scoped = true; return true;
  default: k->permanent = true; return true;
  }
}

static bool parse_kind(Parser *p) {
  if (!next(p)) return false;
  Token name = p->tok;
  if (!is_ident(&name))
    return fail_at(p, &name, "expected a kind name after 'kind', found %s", describe(p, &name));
  char *id = tok_dup(p->a, &name);
  const ResKind *prev = rules_draft_kind(p->rs, &p->d, id);
  if (prev)
    return fail_at(p, &name, "kind '%s' is already declared at %s:%d", id, prev->loc.file,
                   prev->loc.line);
  ResKind *k = ARENA_NEW(p->a, ResKind);
  k->id = id;
  k->pack = p->pack;
  k->loc = tok_loc(p, &name);
  if (!next(p)) return false;
  if (!is_punct(p, "{"))
    return fail_at(p, &p->tok, "expected '{' after kind '%s', found %s", id, describe(p, &p->tok));
  int open_line = p->tok.line;
  if (!next(p)) return false;

  unsigned seen = 0;
  for (;;) {
    while (p->tok.kind == TK_NEWLINE || is_punct(p, ";"))
      if (!next(p)) return false;
    if (is_punct(p, "}")) break;
    if (p->tok.kind == TK_EOF || is_word(p, "kind") || is_word(p, "func"))
      return fail_at(p, &p->tok, "expected '}' to close kind '%s' (opened at line %d), found %s",
                     id, open_line, describe(p, &p->tok));
    if (!parse_kind_field(p, k, &seen)) return false;
  }
  if (!next(p)) return false;

  if (!k->family) return fail_at(p, &name, "kind '%s' has no 'family'", id);
  if (!k->cwe) return fail_at(p, &name, "kind '%s' has no 'cwe'", id);
  if (!k->desc) k->desc = k->id;
  if (!k->leak_rule) k->leak_rule = arena_printf(p->a, "connlint-%s-leak", k->family);
  if (!k->help)
    k->help = arena_printf(p->a,
                           "Release the %s on every path that leaves the function, including "
                           "early returns and error branches.",
                           k->desc);
  vec_push(p->scratch, &p->d.kinds, k);
  return true;
}

/* ---- Targets: ret, argN, *t, t[i], t.f, t->f, (t) ----------------------- */

static bool add_step(Parser *p, Target *t, const Token *at, StepKind kind, const char *field,
                     long index) {
  if (t->nsteps == TARGET_MAX_STEPS)
    return fail_at(p, at, "target is too deep (at most %d steps)", TARGET_MAX_STEPS);
  t->steps[t->nsteps++] = (TargetStep){kind, field, index};
  return true;
}

/* argN -> N, or -1 when the word is not of that form. */
static long arg_index(const Token *t) {
  if (t->kind != TK_WORD || t->len < 4 || strncmp(t->text, "arg", 3) != 0) return -1;
  long n = 0;
  for (int i = 3; i < t->len; i++) {
    if (t->text[i] < '0' || t->text[i] > '9') return -1;
    n = n * 10 + (t->text[i] - '0');
    if (n > 1000) n = 1000;
  }
  return n;
}

/* Parses argN into *out (0..31). */
static bool parse_arg(Parser *p, int *out) {
  long n = arg_index(&p->tok);
  if (n < 0)
    return fail_at(p, &p->tok, "expected an argument (arg0, arg1, ...), found %s",
                   describe(p, &p->tok));
  if (n > 31) return fail_at(p, &p->tok, "argument index %ld is out of range (arg0 to arg31)", n);
  *out = (int)n;
  return next(p);
}

static bool parse_unary(Parser *p, Target *t);

static bool parse_primary(Parser *p, Target *t) {
  if (is_punct(p, "(")) {
    if (!next(p) || !parse_unary(p, t)) return false;
    if (!is_punct(p, ")"))
      return fail_at(p, &p->tok, "expected ')' in target, found %s", describe(p, &p->tok));
    return next(p);
  }
  if (is_word(p, "ret")) {
    t->arg = TARGET_RET;
    return next(p);
  }
  if (arg_index(&p->tok) >= 0) return parse_arg(p, &t->arg);
  return fail_at(p, &p->tok, "expected a target (ret, argN, *argN, argN[i], argN->field), found %s",
                 describe(p, &p->tok));
}

static bool parse_postfix(Parser *p, Target *t) {
  if (!parse_primary(p, t)) return false;
  for (;;) {
    Token at = p->tok;
    if (is_punct(p, "[")) {
      if (!next(p)) return false;
      if (p->tok.kind != TK_INT || p->tok.num < 0)
        return fail_at(p, &p->tok, "expected a constant index, found %s", describe(p, &p->tok));
      long index = p->tok.num;
      if (!next(p)) return false;
      if (!is_punct(p, "]"))
        return fail_at(p, &p->tok, "expected ']' after the index, found %s", describe(p, &p->tok));
      if (!add_step(p, t, &at, STEP_INDEX, NULL, index) || !next(p)) return false;
    } else if (is_punct(p, ".") || is_punct(p, "->")) {
      bool arrow = is_punct(p, "->");
      if (!next(p)) return false;
      if (!is_ident(&p->tok) || arg_index(&p->tok) >= 0)
        return fail_at(p, &p->tok, "expected a field name after '%s', found %s", arrow ? "->" : ".",
                       describe(p, &p->tok));
      if (arrow && !add_step(p, t, &at, STEP_DEREF, NULL, 0)) return false;
      if (!add_step(p, t, &at, STEP_FIELD, tok_dup(p->a, &p->tok), 0) || !next(p)) return false;
    } else {
      return true;
    }
  }
}

/* Prefix '*' binds looser than postfix steps, as in C: *arg0[1] is *(arg0[1]). */
static bool parse_unary(Parser *p, Target *t) {
  if (is_punct(p, "*")) {
    Token star = p->tok;
    return next(p) && parse_unary(p, t) && add_step(p, t, &star, STEP_DEREF, NULL, 0);
  }
  return parse_postfix(p, t);
}

static bool parse_target(Parser *p, Target *t, Token *start) {
  memset(t, 0, sizeof *t);
  *start = p->tok;
  return parse_unary(p, t);
}

/* Written through a pointer the caller passed: *arg3, arg0[1], arg0->f. */
static bool through_pointer(const Target *t) {
  for (int i = 0; i < t->nsteps; i++)
    if (t->steps[i].kind != STEP_FIELD) return true;
  return false;
}

/* ---- Clauses ------------------------------------------------------------ */

static bool parse_cond(Parser *p, SuccessCond *c) {
  memset(c, 0, sizeof *c);
  if (is_word(p, "always")) {
    c->always = true;
    return next(p);
  }
  if (!is_word(p, "when"))
    return fail_at(p, &p->tok,
                   "expected a success condition ('when ret OP VALUE' or 'always'), found %s",
                   describe(p, &p->tok));
  if (!next(p)) return false;
  if (!is_word(p, "ret"))
    return fail_at(p, &p->tok,
                   "a success condition tests the return value: expected 'ret', found %s",
                   describe(p, &p->tok));
  if (!next(p)) return false;
  if (p->tok.kind != TK_CMP)
    return fail_at(p, &p->tok, "expected a comparison (==, !=, <, <=, >, >=) after 'ret', found %s",
                   describe(p, &p->tok));
  c->op = p->tok.cmp;
  if (!next(p)) return false;
  if (p->tok.kind == TK_INT) {
    c->value = p->tok.num;
  } else if (is_word(p, "NULL")) {
    if (c->op != CMP_EQ && c->op != CMP_NE)
      return fail_at(p, &p->tok, "NULL can only be compared with == or !=");
    c->is_null = true;
  } else {
    return fail_at(p, &p->tok, "expected a number or NULL, found %s", describe(p, &p->tok));
  }
  return next(p);
}

static const ResKind *parse_kind_ref(Parser *p) {
  if (!is_ident(&p->tok)) {
    fail_at(p, &p->tok, "expected a kind name, found %s", describe(p, &p->tok));
    return NULL;
  }
  const ResKind *k = rules_draft_kind(p->rs, &p->d, tok_dup(p->scratch, &p->tok));
  if (!k) {
    fail_at(p, &p->tok, "unknown kind %s", describe(p, &p->tok));
    return NULL;
  }
  next(p);
  return p->failed ? NULL : k;
}

static bool expect_word(Parser *p, const char *w, const char *after) {
  if (!is_word(p, w))
    return fail_at(p, &p->tok, "expected '%s' after %s, found %s", w, after, describe(p, &p->tok));
  return next(p);
}

/* After ',' a list goes on, possibly on the next line. */
static bool list_continues(Parser *p) {
  if (!is_punct(p, ",")) return false;
  return next(p) && skip_newlines(p);
}

static bool parse_acquire(Parser *p, FuncBody *b, bool returns) {
  const ResKind *k = parse_kind_ref(p);
  if (!k) return false;
  Vec targets = {0};
  if (returns) {
    Target *t = ARENA_NEW(p->scratch, Target);
    t->arg = TARGET_RET;
    vec_push(p->scratch, &targets, t);
  } else {
    if (!expect_word(p, "at", "the kind")) return false;
    do {
      Target *t = ARENA_NEW(p->scratch, Target);
      Token start;
      if (!parse_target(p, t, &start)) return false;
      if (t->arg != TARGET_RET && !through_pointer(t))
        return fail_at(p, &start,
                       "an acquired resource is the return value or is stored through an "
                       "argument (*argN, argN[i], argN->field)");
      vec_push(p->scratch, &targets, t);
    } while (list_continues(p));
    if (p->failed) return false;
  }
  SuccessCond c;
  if (!parse_cond(p, &c)) return false;
  for (int i = 0; i < targets.len; i++) {
    Acquire *a = ARENA_NEW(p->scratch, Acquire);
    *a = (Acquire){k, *(Target *)targets.data[i], c};
    vec_push(p->scratch, &b->acquires, a);
  }
  return true;
}

static bool parse_release(Parser *p, FuncBody *b) {
  bool own = is_word(p, "own");
  if (own && !next(p)) return false;
  if (!is_ident(&p->tok))
    return fail_at(p, &p->tok, "expected a family name after 'releases', found %s",
                   describe(p, &p->tok));
  char *family = tok_dup(p->a, &p->tok);
  if (!rules_family_known(p->rs, &p->d, family))
    return fail_at(p, &p->tok, "unknown family '%s' (no kind declares it)", family);
  if (own) {
    b->releases_own = family;
    return next(p);
  }
  if (!next(p) || !expect_word(p, "at", "the family")) return false;
  int first = b->releases.len;
  do {
    Release *r = ARENA_NEW(p->scratch, Release);
    Token start;
    if (!parse_target(p, &r->target, &start)) return false;
    if (r->target.arg == TARGET_RET)
      return fail_at(p, &start, "a release names an argument, not the return value");
    r->family = family;
    vec_push(p->scratch, &b->releases, r);
  } while (list_continues(p));
  if (p->failed) return false;
  if (!is_word(p, "when")) return true;
  /* `releases F at T when ret OP V`: on one outcome of the call only. */
  SuccessCond c;
  if (!parse_cond(p, &c)) return false;
  for (int i = first; i < b->releases.len; i++) {
    Release *r = b->releases.data[i];
    r->conditional = true;
    r->when = c;
  }
  return true;
}

static bool parse_move(Parser *p, FuncBody *b) {
  PendingMove *m = ARENA_NEW(p->scratch, PendingMove);
  Token start;
  if (!parse_target(p, &m->from, &start)) return false;
  if (m->from.arg == TARGET_RET)
    return fail_at(p, &start, "'moves' takes a resource from an argument, not the return value");
  if (!expect_word(p, "into", "the moved target") || !parse_target(p, &m->to, &m->to_tok))
    return false;
  if (is_word(p, "else")) {
    if (!next(p) || !expect_word(p, "forgets", "'else' (moves ... else forgets)")) return false;
    m->forget_on_failure = true;
  }
  vec_push(p->scratch, &b->moves, m);
  return true;
}

/* `(N, ...)`: a list of numbers. */
static bool parse_numbers(Parser *p, long **vals_out, int *n_out) {
  Vec vals = {0};
  if (!is_punct(p, "("))
    return fail_at(p, &p->tok, "expected '(' before the list of values, found %s",
                   describe(p, &p->tok));
  if (!next(p) || !skip_newlines(p)) return false;
  do {
    if (p->tok.kind != TK_INT)
      return fail_at(p, &p->tok, "expected a number, found %s", describe(p, &p->tok));
    long *n = ARENA_NEW(p->scratch, long);
    *n = p->tok.num;
    vec_push(p->scratch, &vals, n);
    if (!next(p)) return false;
  } while (list_continues(p));
  if (p->failed) return false;
  if (!is_punct(p, ")"))
    return fail_at(p, &p->tok, "expected ',' or ')' in the list of values, found %s",
                   describe(p, &p->tok));
  *n_out = vals.len;
  *vals_out = ARENA_ARRAY(p->a, long, vals.len);
  for (int i = 0; i < vals.len; i++)
    (*vals_out)[i] = *(long *)vals.data[i];
  return next(p);
}

/* `argK in (N, ...)`, after `when`. */
static bool parse_arg_in(Parser *p, int *arg, long **vals_out, int *n_out) {
  return parse_arg(p, arg) && expect_word(p, "in", "'when argN'") &&
         parse_numbers(p, vals_out, n_out);
}

/* `one of (N, ...)`, after `returns`: kept as the interval they span. */
static bool parse_ret_range(Parser *p, FuncBody *b) {
  long *vals;
  int n;
  if (!expect_word(p, "of", "'returns one'") || !parse_numbers(p, &vals, &n)) return false;
  b->ret_range = true;
  b->ret_lo = b->ret_hi = vals[0];
  for (int i = 1; i < n; i++) {
    if (vals[i] < b->ret_lo) b->ret_lo = vals[i];
    if (vals[i] > b->ret_hi) b->ret_hi = vals[i];
  }
  return true;
}

static bool parse_store(Parser *p, FuncBody *b) {
  Store *s = ARENA_NEW(p->scratch, Store);
  Token start;
  if (!parse_target(p, &s->what, &start)) return false;
  if (s->what.arg == TARGET_RET)
    return fail_at(p, &start, "'stores' keeps an argument, not the return value");
  if (!expect_word(p, "in", "the stored target") || !parse_arg(p, &s->in)) return false;
  s->if_arg = -1;
  if (is_word(p, "when") && !(next(p) && parse_arg_in(p, &s->if_arg, &s->if_vals, &s->nif)))
    return false;
  vec_push(p->scratch, &b->stores, s);
  return true;
}

/* sets TARGET to argN */
static bool parse_set(Parser *p, FuncBody *b) {
  Token start;
  if (!parse_target(p, &b->set_dst, &start)) return false;
  if (b->set_dst.arg == TARGET_RET || !through_pointer(&b->set_dst))
    return fail_at(p, &start, "'sets' writes through an argument (*argN, argN->field)");
  if (!expect_word(p, "to", "the target of 'sets'") || !parse_arg(p, &b->set_src)) return false;
  b->has_set = true;
  return true;
}

/* unless TARGET OP NUMBER */
static bool parse_unless(Parser *p, FuncBody *b) {
  Token start;
  if (!parse_target(p, &b->unless_at, &start)) return false;
  if (p->tok.kind != TK_CMP)
    return fail_at(p, &p->tok, "expected a comparison after the target of 'unless', found %s",
                   describe(p, &p->tok));
  b->unless_op = p->tok.cmp;
  if (!next(p)) return false;
  if (p->tok.kind != TK_INT)
    return fail_at(p, &p->tok, "expected a number, found %s", describe(p, &p->tok));
  b->unless_c = p->tok.num;
  b->has_unless = true;
  return next(p);
}

static bool parse_args(Parser *p, unsigned *mask) {
  do {
    int i = 0;
    if (!parse_arg(p, &i)) return false;
    *mask |= 1u << i;
  } while (list_continues(p));
  return !p->failed;
}

/* `hands back argN [in place]`. */
static bool parse_hands_back(Parser *p, FuncBody *b, const Token *kw) {
  if (b->hands_back) return fail_at(p, kw, "'hands back' given twice in this rule");
  if (!expect_word(p, "back", "'hands'") || !parse_arg(p, &b->hands_back_arg)) return false;
  b->hands_back = true;
  if (!is_word(p, "in")) return true;
  if (!next(p) || !expect_word(p, "place", "'hands back argN in'")) return false;
  b->in_place = true;
  return true;
}

/* `owns elements [if argN]`. */
static bool parse_owns(Parser *p, FuncBody *b, const Token *kw) {
  if (!expect_word(p, "elements", "'owns'")) return false;
  b->owns_elements = true;
  b->owns_tok = *kw;
  b->owns_if_arg = -1;
  if (!is_word(p, "if")) return true;
  return next(p) && parse_arg(p, &b->owns_if_arg);
}

static bool parse_clause(Parser *p, FuncBody *b) {
  Token kw = p->tok;
  if (is_word(p, "hands")) return next(p) && parse_hands_back(p, b, &kw);
  if (is_word(p, "refs")) return next(p) && parse_args(p, &b->ref_mask);
  if (is_word(p, "owns")) return next(p) && parse_owns(p, b, &kw);
  if (is_word(p, "permanent")) {
    b->permanent = true;
    return next(p);
  }
  if (is_word(p, "leaves")) {
    if (!next(p) || !expect_word(p, "locked", "'leaves'")) return false;
    b->leaves_locked = true;
    return true;
  }
  if (is_word(p, "returns")) {
    if (!next(p)) return false;
    if (p->tok.kind == TK_INT) { /* `returns 0 when arg1 in (2)` */
      b->ret_when = true;
      b->ret_when_value = p->tok.num;
      return next(p) && expect_word(p, "when", "'returns N'") &&
             parse_arg_in(p, &b->ret_when_arg, &b->ret_when_vals, &b->ret_when_n);
    }
    if (is_word(p, "one")) return next(p) && parse_ret_range(p, b);
    if (is_word(p, "into")) { /* `returns into arg0`: a pointer inside it */
      int i = 0;
      if (!next(p) || !parse_arg(p, &i)) return false;
      b->returns_into = i + 1;
      return true;
    }
    if (arg_index(&p->tok) < 0) return parse_acquire(p, b, true);
    int i = 0; /* `returns arg0`: the call returns that argument itself */
    if (!parse_arg(p, &i)) return false;
    b->returns_arg = i + 1;
    return true;
  }
  if (is_word(p, "acquires")) return next(p) && parse_acquire(p, b, false);
  if (is_word(p, "releases")) return next(p) && parse_release(p, b);
  if (is_word(p, "moves")) return next(p) && parse_move(p, b);
  if (is_word(p, "stores")) return next(p) && parse_store(p, b);
  if (is_word(p, "escapes")) return next(p) && parse_args(p, &b->escape_mask);
  if (is_word(p, "borrows")) {
    if (!next(p)) return false;
    if (is_word(p, "all")) {
      b->borrow_all = true;
      return next(p);
    }
    return parse_args(p, &b->borrow_mask);
  }
  if (is_word(p, "noreturn")) {
    b->noreturn = true;
    return next(p);
  }
  if (is_word(p, "sets")) return next(p) && parse_set(p, b);
  if (is_word(p, "unless")) return next(p) && parse_unless(p, b);
  if (is_word(p, "runs")) {
    b->runs = true;
    return next(p) && parse_arg(p, &b->runs_arg);
  }
  return fail_at(p, &kw,
                 "expected a clause (returns, acquires, releases, moves, stores, borrows, "
                 "escapes, noreturn, sets, unless, runs, hands back, refs, owns elements, "
                 "permanent or leaves locked), found %s",
                 describe(p, &kw));
}

/* ---- func NAME[, NAME...]: clause[; clause...] -------------------------- */

static bool valid_func_name(const Token *t) {
  for (int i = 0; i < t->len; i++) {
    char c = t->text[i];
    if (c == '-' || (c == '*' && i != t->len - 1)) return false;
  }
  return true;
}

/* Line of an earlier statement's rule for this name in the file, or 0. */
static int earlier_rule(Parser *p, const char *name) {
  for (int i = 0; i < p->d.funcs.len; i++) {
    const FuncRule *r = p->d.funcs.data[i];
    if (strcmp(r->name, name) == 0) return r->loc.line;
  }
  return 0;
}

static bool listed_before(const Vec *names, const char *name) {
  for (int i = 0; i < names->len; i++)
    if (strcmp(names->data[i], name) == 0) return true;
  return false;
}

/* A function name, or a function pointer reached through a variable or a
   struct member: `hooks.alloc`, `srv->hooks.alloc` (kept as hooks.alloc:
   '->' and '.' name the same member). Patterns have no members. */
static char *parse_func_name(Parser *p, const Vec *names) {
  if (p->tok.kind != TK_WORD || !valid_func_name(&p->tok)) {
    fail_at(p, &p->tok, "expected a function name after %s, found %s",
            names->len ? "','" : "'func'", describe(p, &p->tok));
    return NULL;
  }
  Buf b = {0};
  buf_puts(p->scratch, &b, tok_dup(p->scratch, &p->tok));
  bool pattern = p->tok.text[p->tok.len - 1] == '*';
  if (!next(p)) return NULL;
  while (!pattern && (is_punct(p, ".") || is_punct(p, "->"))) {
    Token op = p->tok;
    if (!next(p)) return NULL;
    if (!is_ident(&p->tok) || !valid_func_name(&p->tok)) {
      fail_at(p, &p->tok, "expected a member name after '%.*s', found %s", op.len, op.text,
              describe(p, &p->tok));
      return NULL;
    }
    buf_printf(p->scratch, &b, ".%s", tok_dup(p->scratch, &p->tok));
    if (!next(p)) return NULL;
  }
  return arena_strdup(p->a, buf_str(p->scratch, &b));
}

static bool finish_func(Parser *p, const Vec *names, const Vec *starts, FuncBody *b) {
  FuncRule proto = {0};
  proto.pack = p->pack;
  proto.noreturn = b->noreturn;
  proto.borrow_mask = b->borrow_mask;
  proto.borrow_all = b->borrow_all;
  proto.escape_mask = b->escape_mask;
  proto.ref_mask = b->ref_mask;
  proto.hands_back = b->hands_back;
  proto.hands_back_in_place = b->in_place;
  proto.hands_back_arg = b->hands_back_arg;
  proto.owns_elements = b->owns_elements;
  proto.owns_if_arg = b->owns_if_arg;
  proto.permanent = b->permanent;
  proto.leaves_locked = b->leaves_locked;
  proto.returns_arg = b->returns_arg;
  proto.returns_into = b->returns_into;
  proto.ret_when = b->ret_when;
  proto.ret_when_value = b->ret_when_value;
  proto.ret_when_arg = b->ret_when_arg;
  proto.ret_when_vals = b->ret_when_vals;
  proto.ret_when_n = b->ret_when_n;
  proto.ret_range = b->ret_range;
  proto.ret_lo = b->ret_lo;
  proto.ret_hi = b->ret_hi;
  proto.has_set = b->has_set;
  proto.set_dst = b->set_dst;
  proto.set_src = b->set_src;
  proto.has_unless = b->has_unless;
  proto.unless_at = b->unless_at;
  proto.unless_op = b->unless_op;
  proto.unless_c = b->unless_c;
  proto.runs = b->runs;
  proto.runs_arg = b->runs_arg;
  proto.releases_own = b->releases_own;
  proto.acquires = vec_items(p->a, &b->acquires, sizeof(Acquire));
  proto.nacquires = b->acquires.len;
  proto.releases = vec_items(p->a, &b->releases, sizeof(Release));
  proto.nreleases = b->releases.len;
  proto.stores = vec_items(p->a, &b->stores, sizeof(Store));
  proto.nstores = b->stores.len;
  if (b->moves.len) proto.transfers = ARENA_ARRAY(p->a, Transfer, b->moves.len);
  for (int i = 0; i < b->moves.len; i++) {
    const PendingMove *m = b->moves.data[i];
    int to = -1;
    for (int j = 0; j < proto.nacquires && to < 0; j++)
      if (target_equal(&proto.acquires[j].target, &m->to)) to = j;
    if (to < 0)
      return fail_at(p, &m->to_tok, "'moves ... into' must name a target this rule acquires");
    proto.transfers[proto.ntransfers++] =
        (Transfer){.from = m->from, .to = to, .forget_on_failure = m->forget_on_failure};
  }

  if (b->owns_elements) {
    bool returns = false;
    for (int j = 0; j < proto.nacquires; j++)
      returns |= proto.acquires[j].target.arg == TARGET_RET && proto.acquires[j].target.nsteps == 0;
    if (!returns)
      return fail_at(p, &b->owns_tok,
                     "'owns elements' describes the container this call returns: the rule "
                     "needs a 'returns' clause");
  }
  for (int i = 0; i < names->len; i++) {
    const Token *t = starts->data[i];
    FuncRule *r = ARENA_NEW(p->a, FuncRule);
    *r = proto;
    r->name = names->data[i];
    r->loc = tok_loc(p, t);
    vec_push(p->scratch, &p->d.funcs, r);
  }
  return true;
}

static bool parse_func(Parser *p) {
  if (!next(p)) return false;
  Vec names = {0};  /* char * */
  Vec starts = {0}; /* Token *: where each name was written */
  for (;;) {
    Token start = p->tok;
    char *name = parse_func_name(p, &names);
    if (!name) return false;
    if (listed_before(&names, name))
      return fail_at(p, &start, "'%s' is listed twice in this rule", name);
    int line = earlier_rule(p, name);
    if (line) return fail_at(p, &start, "function '%s' already has a rule at line %d", name, line);
    vec_push(p->scratch, &names, name);
    Token *t = ARENA_NEW(p->scratch, Token);
    *t = start;
    vec_push(p->scratch, &starts, t);
    if (!list_continues(p)) break;
  }
  if (p->failed) return false;
  if (!is_punct(p, ":"))
    return fail_at(p, &p->tok, "expected ',' or ':' after the function name, found %s",
                   describe(p, &p->tok));
  if (!next(p) || !skip_newlines(p)) return false;

  FuncBody b = {0};
  for (;;) {
    if (!parse_clause(p, &b)) return false;
    if (!is_punct(p, ";")) break;
    if (!next(p) || !skip_newlines(p)) return false;
    if (at_statement_start(p)) break;
  }
  return finish_func(p, &names, &starts, &b);
}

/* ---- Files -------------------------------------------------------------- */

static bool parse_file(Parser *p) {
  if (!next(p)) return false;
  for (;;) {
    if (!skip_newlines(p)) return false;
    if (p->tok.kind == TK_EOF) return true;
    bool ok;
    if (is_word(p, "kind"))
      ok = parse_kind(p);
    else if (is_word(p, "func"))
      ok = parse_func(p);
    else
      return fail_at(p, &p->tok, "expected 'kind' or 'func' to start a rule, found %s",
                     describe(p, &p->tok));
    if (!ok) return false;
    if (p->tok.kind != TK_NEWLINE && p->tok.kind != TK_EOF && !p->tok.bol)
      return fail_at(p, &p->tok, "expected end of line, found %s", describe(p, &p->tok));
  }
}

int rules_parse(RuleSet *rs, const char *file, const char *text, const char *pack, RuleError *err) {
  Arena scratch;
  arena_init(&scratch);
  Parser p = {0};
  p.rs = rs;
  p.a = &rs->arena;
  p.scratch = &scratch;
  p.file = arena_strdup(p.a, file);
  p.pack = arena_strdup(p.a, pack ? pack : "user");
  p.err = err;
  lex_init(&p.lx, text, &scratch);
  bool ok = parse_file(&p);
  if (ok) rules_commit(rs, &p.d);
  arena_free(&scratch);
  return ok ? 0 : -1;
}
