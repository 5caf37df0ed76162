/*
 * cfgbuild.c - blocks under construction, the pass that turns them into a
 * Func's CFG (cfgbuild.h), and the C library functions that never return.
 */
#include "cfgbuild.h"

#include <string.h>

/* An empty block that only falls through (the joins and loop heads of
   nested constructs, `do { } while (0)` of macros) is skipped: edges to it
   go to where it leads. Named jumps (break, goto) and labels are kept, since
   explanations cite them. */
static bool forwards(const BB *b, const BB *entry) {
  return b != entry && b->stmts.len == 0 && b->b.term.kind == TERM_JUMP && b->b.term.nsucc == 1 &&
         !b->b.label && !b->b.term.jump_kind;
}

static void thread_jumps(BB **blocks, int n, Arena *scratch) {
  BB **memo = ARENA_ARRAY(scratch, BB *, n);
  bool *busy = ARENA_ARRAY(scratch, bool, n);
  BB *entry = blocks[0];
  for (int i = 0; i < n; i++) {
    BB *b = blocks[i];
    BB *c = b;
    while (forwards(c, entry) && !memo[c->order] && !busy[c->order]) {
      busy[c->order] = true;
      c = (BB *)c->b.term.succ[0];
    }
    BB *target = memo[c->order] ? memo[c->order] : c; /* busy: a cycle of empty blocks */
    for (BB *d = b; d != c && !memo[d->order]; d = (BB *)d->b.term.succ[0])
      memo[d->order] = target;
  }
  for (int i = 0; i < n; i++) {
    Term *t = &((BB *)blocks[i])->b.term;
    for (int j = 0; j < t->nsucc; j++) {
      BB *s = (BB *)t->succ[j];
      if (memo[s->order]) t->succ[j] = &memo[s->order]->b;
    }
  }
}

static Block **order_blocks(BB **blocks, int n, Arena *a, Arena *scratch, int *nout) {
  thread_jumps(blocks, n, scratch);
  bool *seen = ARENA_ARRAY(scratch, bool, n);
  BB **post = ARENA_ARRAY(scratch, BB *, n);
  BB **stack = ARENA_ARRAY(scratch, BB *, n);
  int *next = ARENA_ARRAY(scratch, int, n); /* successors left to visit */
  int sp = 0, npost = 0;
  BB *entry = blocks[0];
  seen[entry->order] = true;
  stack[sp++] = entry;
  next[entry->order] = entry->b.term.nsucc;
  while (sp > 0) {
    BB *b = stack[sp - 1];
    if (next[b->order] > 0) {
      BB *s = (BB *)b->b.term.succ[--next[b->order]];
      if (!seen[s->order]) {
        seen[s->order] = true;
        next[s->order] = s->b.term.nsucc;
        stack[sp++] = s;
      }
    } else {
      post[npost++] = b;
      sp--;
    }
  }
  /* Blocks were built in the scratch arena; the survivors move to the
     unit's, so dropped blocks and grown vectors cost the unit nothing. */
  Block **moved = ARENA_ARRAY(scratch, Block *, n);
  Block **out = ARENA_ARRAY(a, Block *, npost);
  Block *mem = ARENA_ARRAY(a, Block, npost);
  for (int i = 0; i < npost; i++) {
    BB *b = post[npost - 1 - i];
    Block *nb = &mem[i];
    *nb = b->b;
    nb->id = i;
    nb->nstmts = b->stmts.len;
    nb->stmts = ARENA_ARRAY(a, Stmt *, nb->nstmts);
    if (nb->nstmts) memcpy(nb->stmts, b->stmts.data, sizeof(Stmt *) * (size_t)nb->nstmts);
    moved[b->order] = nb;
    out[i] = nb;
  }
  for (int i = 0; i < npost; i++) {
    Term *t = &out[i]->term;
    Block **succ = ARENA_ARRAY(a, Block *, t->nsucc);
    for (int j = 0; j < t->nsucc; j++)
      succ[j] = moved[((BB *)t->succ[j])->order];
    t->succ = succ;
    if (t->kind == TERM_SWITCH) {
      SwitchCase *cases = ARENA_ARRAY(a, SwitchCase, t->ncases);
      if (t->ncases) memcpy(cases, t->cases, sizeof(SwitchCase) * (size_t)t->ncases);
      t->cases = cases;
    }
  }
  *nout = npost;
  return out;
}

/* Params first, then locals, temporaries and globals, as ir.h promises. */
static void order_vars(Func *f, Var **vars, int nvars, Arena *a) {
  static const VarKind rank[] = {
      [VAR_PARAM] = 0, [VAR_LOCAL] = 1, [VAR_STATIC] = 1, [VAR_TEMP] = 2, [VAR_GLOBAL] = 3};
  f->nvars = nvars;
  f->vars = ARENA_ARRAY(a, Var *, f->nvars);
  int n = 0;
  for (int r = 0; r <= 3; r++)
    for (int i = 0; i < nvars; i++) {
      Var *v = vars[i];
      if ((int)rank[v->kind] == r) {
        v->id = n;
        f->vars[n++] = v;
      }
    }
}

BB *cfg_bb_new(Arena *scratch, Vec *blocks) {
  BB *b = ARENA_NEW(scratch, BB);
  b->order = blocks->len;
  b->b.id = -1;
  vec_push(scratch, blocks, b);
  return b;
}

Term *cfg_term(Arena *scratch, BB **cur, TermKind kind, Loc loc, int nsucc) {
  if (!*cur) return NULL;
  Term *t = &(*cur)->b.term;
  memset(t, 0, sizeof *t);
  t->kind = kind;
  t->loc = loc;
  t->nsucc = nsucc;
  t->succ = nsucc ? ARENA_ARRAY(scratch, Block *, nsucc) : NULL;
  *cur = NULL;
  return t;
}

void cfg_jump(Arena *scratch, BB **cur, BB *to, const char *kind, Loc loc) {
  Term *t = cfg_term(scratch, cur, TERM_JUMP, loc, 1);
  if (t) {
    t->succ[0] = &to->b;
    t->jump_kind = kind;
  }
}

void cfg_branch(Arena *scratch, BB **cur, CmpOp op, Expr *lhs, Expr *rhs, BB *tb, BB *fb, Loc loc) {
  Term *t = cfg_term(scratch, cur, TERM_BRANCH, loc, 2);
  if (t) {
    t->cmp = op;
    t->lhs = lhs;
    t->rhs = rhs;
    t->succ[0] = &tb->b;
    t->succ[1] = &fb->b;
  }
}

void cfg_noreturn(Arena *scratch, BB **cur, const char *callee, Loc loc) {
  Term *t = cfg_term(scratch, cur, TERM_NORETURN, loc, 0);
  if (t) t->noreturn_callee = callee;
}

void cfg_finish(Func *f, BB **blocks, int nblocks, Var **vars, int nvars, Arena *a,
                Arena *scratch) {
  f->blocks = order_blocks(blocks, nblocks, a, scratch, &f->nblocks);
  order_vars(f, vars, nvars, a);
  ir_finish(f);
}

bool builtin_noreturn(const char *name) {
  static const char *const names[] = {
      "exit",
      "_exit",
      "_Exit",
      "abort",
      "err",
      "errx",
      "verr",
      "verrx",
      "quick_exit",
      "__assert_fail",
      "__builtin_unreachable",
      "__builtin_trap",
      "longjmp",
      "siglongjmp",
      "pthread_exit",
      "__builtin_abort",
      "__builtin_exit",
      "_longjmp",
      "__longjmp_chk",
      "__assert_rtn",
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(name, names[i]) == 0) return true;
  return false;
}
