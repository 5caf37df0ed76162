/*
 * lower_func.c - one function definition from start to finish: its
 * parameters, its body through lower.c, then the pass that turns the blocks
 * under construction into the Func the engine reads.
 *
 * The final pass drops blocks the entry cannot reach (code after return,
 * join blocks of branches that both return) and numbers the rest in reverse
 * postorder, visiting a block's successors last-first so that the `then`
 * side of a branch is numbered before the `else` side.
 */
#include "frontend_int.h"

#include <string.h>

/* An empty block that only falls through (the joins and loop heads of
   nested constructs, `do { } while (0)` of macros) is skipped: edges to it
   go to where it leads. Named jumps (break, goto) and labels are kept, since
   explanations cite them. */
static bool forwards(const BB *b, const BB *entry) {
  return b != entry && b->stmts.len == 0 && b->b.term.kind == TERM_JUMP && b->b.term.nsucc == 1 &&
         !b->b.label && !b->b.term.jump_kind;
}

static void thread_jumps(Lower *L) {
  int n = L->blocks.len;
  BB **memo = ARENA_ARRAY(&L->scratch, BB *, n);
  bool *busy = ARENA_ARRAY(&L->scratch, bool, n);
  BB *entry = L->blocks.data[0];
  for (int i = 0; i < n; i++) {
    BB *b = L->blocks.data[i];
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
    Term *t = &((BB *)L->blocks.data[i])->b.term;
    for (int j = 0; j < t->nsucc; j++) {
      BB *s = (BB *)t->succ[j];
      if (memo[s->order]) t->succ[j] = &memo[s->order]->b;
    }
  }
}

static Block **order_blocks(Lower *L, int *nout) {
  thread_jumps(L);
  int n = L->blocks.len;
  bool *seen = ARENA_ARRAY(&L->scratch, bool, n);
  BB **post = ARENA_ARRAY(&L->scratch, BB *, n);
  BB **stack = ARENA_ARRAY(&L->scratch, BB *, n);
  int *next = ARENA_ARRAY(&L->scratch, int, n); /* successors left to visit */
  int sp = 0, npost = 0;
  BB *entry = L->blocks.data[0];
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
  Block **moved = ARENA_ARRAY(&L->scratch, Block *, n);
  Block **out = ARENA_ARRAY(L->a, Block *, npost);
  Block *mem = ARENA_ARRAY(L->a, Block, npost);
  for (int i = 0; i < npost; i++) {
    BB *b = post[npost - 1 - i];
    Block *nb = &mem[i];
    *nb = b->b;
    nb->id = i;
    nb->nstmts = b->stmts.len;
    nb->stmts = ARENA_ARRAY(L->a, Stmt *, nb->nstmts);
    if (nb->nstmts) memcpy(nb->stmts, b->stmts.data, sizeof(Stmt *) * (size_t)nb->nstmts);
    moved[b->order] = nb;
    out[i] = nb;
  }
  for (int i = 0; i < npost; i++) {
    Term *t = &out[i]->term;
    Block **succ = ARENA_ARRAY(L->a, Block *, t->nsucc);
    for (int j = 0; j < t->nsucc; j++)
      succ[j] = moved[((BB *)t->succ[j])->order];
    t->succ = succ;
    if (t->kind == TERM_SWITCH) {
      SwitchCase *cases = ARENA_ARRAY(L->a, SwitchCase, t->ncases);
      if (t->ncases) memcpy(cases, t->cases, sizeof(SwitchCase) * (size_t)t->ncases);
      t->cases = cases;
    }
  }
  *nout = npost;
  return out;
}

/* Params first, then locals, temporaries and globals, as ir.h promises. */
static void order_vars(Lower *L, Func *f) {
  static const VarKind rank[] = {
      [VAR_PARAM] = 0, [VAR_LOCAL] = 1, [VAR_STATIC] = 1, [VAR_TEMP] = 2, [VAR_GLOBAL] = 3};
  f->nvars = L->vars.len;
  f->vars = ARENA_ARRAY(L->a, Var *, f->nvars);
  int n = 0;
  for (int r = 0; r <= 3; r++)
    for (int i = 0; i < L->vars.len; i++) {
      Var *v = L->vars.data[i];
      if ((int)rank[v->kind] == r) {
        v->id = n;
        f->vars[n++] = v;
      }
    }
}

static CXCursor find_body(CXCursor def) {
  CXCursor k[64];
  int n = kids(def, k, 64);
  for (int i = (n < 64 ? n : 64) - 1; i >= 0; i--)
    if (clang_getCursorKind(k[i]) == CXCursor_CompoundStmt) return k[i];
  return clang_getNullCursor();
}

Func *lower_function(Fe *fe, CXCursor def, bool *too_deep) {
  CXCursor body = find_body(def);
  if (clang_Cursor_isNull(body)) return NULL;
  Lower L = {.fe = fe, .a = fe->a, .body = body, .anchor = clang_getNullCursor()};
  arena_init(&L.scratch);
  Func *f = ARENA_NEW(fe->a, Func);
  f->unit = fe->u;
  f->name = fe_str(fe, clang_getCursorSpelling(def));
  f->loc = fe_cursor_loc(fe, def);
  f->is_static = clang_Cursor_getStorageClass(def) == CX_SC_Static;
  f->noreturn = fe_decl(fe, def)->noreturn;
  f->ret_type = fe_type_class(clang_getResultType(clang_getCursorType(def)));
  {
    Loc e = fe_loc(fe, clang_getRangeEnd(clang_getCursorExtent(body)));
    if (e.col > 1) e.col--;
    f->end = e;
  }

  int np = clang_Cursor_getNumArguments(def);
  for (int i = 0; i < np; i++) {
    CXCursor p = clang_Cursor_getArgument(def, (unsigned)i);
    const char *name = fe_str(fe, clang_getCursorSpelling(p));
    if (!name[0]) name = arena_printf(fe->a, "arg%d", i);
    Var *v = var_new(&L, name, VAR_PARAM, clang_getCursorType(p), fe_cursor_loc(fe, p));
    /* `int fds[2]` as a parameter is a pointer to the caller's array. */
    if (v->type == TY_ARRAY) v->type = TY_POINTER;
    var_bind(&L, p, v);
  }
  f->nparams = np > 0 ? np : 0;

  L.cur = bb_new(&L);
  lower_stmt(&L, body);
  if (L.too_deep) {
    arena_free(&L.scratch);
    *too_deep = true;
    return NULL;
  }
  if (L.cur) {
    /* Falling off the end: an implicit return at the closing brace. */
    Term *t = &L.cur->b.term;
    memset(t, 0, sizeof *t);
    t->kind = TERM_RETURN;
    t->loc = f->end;
    L.cur = NULL;
  }
  for (int i = 0; i < L.indirect_gotos.len; i++) {
    Term *t = &((BB *)L.indirect_gotos.data[i])->b.term;
    t->nsucc = L.label_list.len;
    t->succ = ARENA_ARRAY(&L.scratch, Block *, t->nsucc);
    for (int j = 0; j < t->nsucc; j++)
      t->succ[j] = &((LabelInfo *)L.label_list.data[j])->bb->b;
  }
  f->blocks = order_blocks(&L, &f->nblocks);
  order_vars(&L, f);
  ir_finish(f);
  arena_free(&L.scratch);
  return f;
}
