/*
 * engine_live.c - which variables may still be read, and which live only
 * within one turn of a loop.
 *
 * A classic backward liveness over the CFG, on whole variables. The engine
 * uses it twice: a state entering a block forgets the variables dead there
 * (two paths that differ only in a dead temporary are the same path), and
 * an overwrite is a lost reference only if no live variable still holds
 * the resource.
 *
 * Natural loops tell a variable declared in a loop body (a new object each
 * turn: the previous turn's resource went out of scope, a leak) from one
 * declared outside (writing it again loses the last reference).
 *
 * Variables whose address is taken, globals and statics are always live:
 * they can be read through pointers or by other functions. An address that
 * only goes to a direct call as an argument (`getopt_long(.., longopts, ..)`,
 * `pipe(fds)`) does not count: a callee reads the variable while the call
 * runs, and this function can read it again only by its name (a pointer the
 * callee kept is the callee's to read, and no state here follows it). Such
 * variables die at their last use like any other, so a long function's
 * states stop carrying a local table (an option list, a token array) after
 * the code that used it. The exception is a call whose rule returns that
 * argument (`returns argN`, memcpy's destination): its result points there.
 */
#include "engine_int.h"

#include <string.h>

typedef struct Sets {
  uint64_t *use, *def;
} Sets;

static void bit_set(uint64_t *s, int i) {
  s[i >> 6] |= 1ull << (i & 63);
}

static bool bit_get(const uint64_t *s, int i) {
  return s[i >> 6] >> (i & 63) & 1;
}

static void mark_addr(Ctx *x, const Path *p) {
  if (p && p->var) bit_set(x->always_live, p->var->id);
}

static void path_uses(Ctx *x, const Path *p, uint64_t *use, const uint64_t *def);

static void expr_uses(Ctx *x, const Expr *e, uint64_t *use, const uint64_t *def) {
  if (!e) return;
  switch (e->kind) {
  case EXPR_PATH:
    if (e->path->kind == PATH_VAR && e->path->var->type == TY_ARRAY) mark_addr(x, e->path);
    path_uses(x, e->path, use, def);
    break;
  case EXPR_ADDR:
    mark_addr(x, e->path);
    path_uses(x, e->path, use, def);
    break;
  case EXPR_CMP:
  case EXPR_OP:
    for (int i = 0; i < e->nops; i++)
      expr_uses(x, e->ops[i], use, def);
    break;
  default: break;
  }
}

/* Every variable a path reads: its root, and index expressions. */
static void path_uses(Ctx *x, const Path *p, uint64_t *use, const uint64_t *def) {
  for (; p; p = p->base) {
    if (p->kind == PATH_INDEX && p->index_expr) expr_uses(x, p->index_expr, use, def);
    if (p->kind == PATH_VAR && !bit_get(def, p->var->id)) bit_set(use, p->var->id);
  }
}

/* A write to `x` defines x; a write to `x.f` or `p->f` reads the rest. */
static void lhs_effect(Ctx *x, const Path *p, uint64_t *use, uint64_t *def) {
  if (!p) return;
  if (p->kind == PATH_VAR) {
    if (!bit_get(use, p->var->id)) bit_set(def, p->var->id);
    return;
  }
  if (p->kind == PATH_FIELD ||
      (p->kind == PATH_INDEX && p->base->kind == PATH_VAR && p->base->var->type != TY_POINTER)) {
    /* Part of the variable's own storage: neither a full definition nor a
       read of the rest. */
    for (const Path *q = p; q; q = q->base)
      if (q->kind == PATH_INDEX && q->index_expr) expr_uses(x, q->index_expr, use, def);
    if (p->base->kind != PATH_VAR) lhs_effect(x, p->base, use, def);
    return;
  }
  path_uses(x, p, use, def);
}

/* An argument that is a variable's address (`&v`, `&v.f`, an array `v`)
   handed to a direct call that does not return it: a use of v, not an
   escape of its address. */
static bool arg_only_passed(Ctx *x, const Stmt *s, int i) {
  const Expr *e = s->args[i];
  if (!s->callee || !e) return false;
  if (e->kind != EXPR_ADDR &&
      !(e->kind == EXPR_PATH && e->path->kind == PATH_VAR && e->path->var->type == TY_ARRAY))
    return false;
  const FuncRule *r = callee_rule(x, s->callee);
  return !r || r->returns_arg != i + 1;
}

static void stmt_effect(Ctx *x, const Stmt *s, uint64_t *use, uint64_t *def) {
  if (s->kind == STMT_ASSIGN) {
    expr_uses(x, s->rhs, use, def);
  } else {
    for (int i = 0; i < s->nargs; i++)
      if (arg_only_passed(x, s, i))
        path_uses(x, s->args[i]->path, use, def);
      else
        expr_uses(x, s->args[i], use, def);
    expr_uses(x, s->fnptr, use, def);
  }
  lhs_effect(x, s->lhs, use, def);
}

static void term_effect(Ctx *x, const Term *t, uint64_t *use, uint64_t *def) {
  expr_uses(x, t->lhs, use, def);
  expr_uses(x, t->rhs, use, def);
  expr_uses(x, t->value, use, def);
}

static void tables_compute(Ctx *x);

void live_compute(Ctx *x) {
  const Func *f = x->f;
  int w = (f->nvars + 63) / 64;
  if (w == 0) w = 1;
  x->words = w;
  x->always_live = ARENA_ARRAY(&x->keep, uint64_t, w);
  for (int i = 0; i < f->nvars; i++)
    if (f->vars[i]->kind == VAR_GLOBAL || f->vars[i]->kind == VAR_STATIC)
      bit_set(x->always_live, i);
  if (x->nsites > 1) sites_keep_params(x);
  int nb = f->nblocks;
  x->live_in = ARENA_ARRAY(&x->keep, uint64_t, (size_t)nb * w);
  x->live_out = ARENA_ARRAY(&x->keep, uint64_t, (size_t)nb * w);
  Sets *sets = ARENA_ARRAY(&x->keep, Sets, nb);
  for (int b = 0; b < nb; b++) {
    const Block *bl = f->blocks[b];
    sets[b].use = ARENA_ARRAY(&x->keep, uint64_t, w);
    sets[b].def = ARENA_ARRAY(&x->keep, uint64_t, w);
    for (int i = 0; i < bl->nstmts; i++)
      stmt_effect(x, bl->stmts[i], sets[b].use, sets[b].def);
    term_effect(x, &bl->term, sets[b].use, sets[b].def);
  }
  tables_compute(x);
  for (bool changed = true; changed;) {
    changed = false;
    for (int b = nb - 1; b >= 0; b--) {
      const Block *bl = f->blocks[b];
      uint64_t *out = &x->live_out[(size_t)b * w], *in = &x->live_in[(size_t)b * w];
      for (int s = 0; s < bl->term.nsucc; s++) {
        const uint64_t *sin = &x->live_in[(size_t)bl->term.succ[s]->id * w];
        for (int k = 0; k < w; k++)
          out[k] |= sin[k];
      }
      for (int k = 0; k < w; k++) {
        uint64_t n = sets[b].use[k] | (out[k] & ~sets[b].def[k]);
        if (n != in[k]) {
          in[k] = n;
          changed = true;
        }
      }
    }
  }
}

/*
 * Tables: local arrays this function fills and hands to calls but never
 * reads by name (`struct option longopts[] = {...}` given to getopt_long,
 * an iovec array given to writev). Their cells' values matter to the
 * callees, which never see this function's states, and to nothing here;
 * (not so for a scalar or struct behind `&v`: a rule may read what the
 * function stored there, as pthread_create reads the attribute's detach
 * state);
 * state_canon drops the plain values stored in them, so a long function's
 * states do not carry a copy of the table at every block. A table is
 * written only through its own storage (`t`, `t[i]`, `t[i].f`, `t.f`) and
 * otherwise appears only as an argument that arg_only_passed() accepts.
 */
static void table_reads_expr(Ctx *x, const Expr *e, uint64_t *read);

static void table_reads_path(Ctx *x, const Path *p, uint64_t *read) {
  for (; p; p = p->base) {
    if (p->kind == PATH_INDEX) table_reads_expr(x, p->index_expr, read);
    if (p->kind == PATH_VAR) bit_set(read, p->var->id);
  }
}

static void table_reads_expr(Ctx *x, const Expr *e, uint64_t *read) {
  if (!e) return;
  if (e->kind == EXPR_PATH || e->kind == EXPR_ADDR) table_reads_path(x, e->path, read);
  for (int i = 0; (e->kind == EXPR_CMP || e->kind == EXPR_OP) && i < e->nops; i++)
    table_reads_expr(x, e->ops[i], read);
}

/* A store into the variable's own storage: only indices are read. */
static bool own_storage(const Path *p) {
  for (; p && p->kind != PATH_VAR; p = p->base)
    if (p->kind != PATH_FIELD &&
        !(p->kind == PATH_INDEX && p->base->kind == PATH_VAR && p->base->var->type == TY_ARRAY))
      return false;
  return p != NULL;
}

static void tables_compute(Ctx *x) {
  const Func *f = x->f;
  uint64_t *read = ARENA_ARRAY(&x->keep, uint64_t, x->words);
  x->table = ARENA_ARRAY(&x->keep, uint64_t, x->words);
  for (int b = 0; b < f->nblocks; b++) {
    const Block *bl = f->blocks[b];
    for (int i = 0; i < bl->nstmts; i++) {
      const Stmt *s = bl->stmts[i];
      if (s->kind == STMT_ASSIGN) table_reads_expr(x, s->rhs, read);
      for (int k = 0; s->kind != STMT_ASSIGN && k < s->nargs; k++) {
        if (!arg_only_passed(x, s, k) || !own_storage(s->args[k]->path)) {
          table_reads_expr(x, s->args[k], read);
          continue;
        }
        for (const Path *p = s->args[k]->path; p; p = p->base)
          if (p->kind == PATH_INDEX) table_reads_expr(x, p->index_expr, read);
      }
      table_reads_expr(x, s->fnptr, read);
      if (s->lhs && !own_storage(s->lhs)) table_reads_path(x, s->lhs, read);
      for (const Path *p = s->lhs; p && own_storage(s->lhs); p = p->base)
        if (p->kind == PATH_INDEX) table_reads_expr(x, p->index_expr, read);
    }
    table_reads_expr(x, bl->term.lhs, read);
    table_reads_expr(x, bl->term.rhs, read);
    table_reads_expr(x, bl->term.value, read);
  }
  for (int i = 0; i < f->nvars; i++)
    if (f->vars[i]->kind == VAR_LOCAL && f->vars[i]->type == TY_ARRAY && !bit_get(read, i))
      bit_set(x->table, i);
}

bool var_is_table(const Ctx *x, int var) {
  return bit_get(x->table, var);
}

bool var_live_in(const Ctx *x, const Block *b, int var) {
  return bit_get(x->always_live, var) || bit_get(&x->live_in[(size_t)b->id * x->words], var);
}

/* Live just after statement si of b: read later in b before being
   redefined, or live out of b and not redefined in b after si. */
bool var_live_after(Ctx *x, const Block *b, int si, int var) {
  if (bit_get(x->always_live, var)) return true;
  int w = x->words;
  uint64_t *use = ARENA_ARRAY(&x->a, uint64_t, w);
  uint64_t *def = ARENA_ARRAY(&x->a, uint64_t, w);
  for (int i = si + 1; i < b->nstmts; i++)
    stmt_effect(x, b->stmts[i], use, def);
  term_effect(x, &b->term, use, def);
  if (bit_get(use, var)) return true;
  if (bit_get(def, var)) return false;
  return bit_get(&x->live_out[(size_t)b->id * w], var);
}

/* ---- Loops ------------------------------------------------------------------ */

void loops_compute(Ctx *x) {
  const Func *f = x->f;
  int nb = f->nblocks;
  x->loop_of = ARENA_ARRAY(&x->keep, int, nb + 1);
  for (int i = 0; i < nb; i++)
    x->loop_of[i] = -1;
  if (!nb) return;
  /* Predecessors from the successor lists (the IR's may be unset). */
  int *npred = ARENA_ARRAY(&x->a, int, nb), **pred = ARENA_ARRAY(&x->a, int *, nb);
  for (int b = 0; b < nb; b++)
    for (int k = 0; k < f->blocks[b]->term.nsucc; k++)
      npred[f->blocks[b]->term.succ[k]->id]++;
  for (int b = 0; b < nb; b++) {
    pred[b] = ARENA_ARRAY(&x->a, int, npred[b] + 1);
    npred[b] = 0;
  }
  for (int b = 0; b < nb; b++)
    for (int k = 0; k < f->blocks[b]->term.nsucc; k++) {
      int t = f->blocks[b]->term.succ[k]->id;
      pred[t][npred[t]++] = b;
    }
  /* Back edges: to a block still on the depth-first stack. */
  uint8_t *color = ARENA_ARRAY(&x->a, uint8_t, nb);
  int *stack = ARENA_ARRAY(&x->a, int, nb), *next = ARENA_ARRAY(&x->a, int, nb);
  int *size = ARENA_ARRAY(&x->a, int, nb);
  int *body = ARENA_ARRAY(&x->a, int, nb);
  uint8_t *in = ARENA_ARRAY(&x->a, uint8_t, nb);
  Vec lines = {0};
  int sp = 0;
  stack[sp++] = 0;
  color[0] = 1;
  while (sp) {
    int u = stack[sp - 1];
    const Term *t = &f->blocks[u]->term;
    if (next[u] == t->nsucc) {
      color[u] = 2;
      sp--;
      continue;
    }
    int h = t->succ[next[u]++]->id;
    if (color[h] == 0) {
      color[h] = 1;
      stack[sp++] = h;
      continue;
    }
    if (color[h] != 1) continue;
    /* u -> h closes a loop: its body reaches u without passing h. */
    memset(in, 0, (size_t)nb);
    int n = 0;
    in[h] = 1;
    body[n++] = h;
    if (!in[u]) {
      in[u] = 1;
      body[n++] = u;
    }
    for (int i = 1; i < n; i++)
      for (int k = 0; k < npred[body[i]]; k++) {
        int p = pred[body[i]][k];
        if (!in[p]) {
          in[p] = 1;
          body[n++] = p;
        }
      }
    int lo = 0, hi = 0;
    for (int i = 0; i < n; i++) {
      const Block *bl = f->blocks[body[i]];
      for (int k = 0; k <= bl->nstmts; k++) {
        int line = k < bl->nstmts ? bl->stmts[k]->loc.line : bl->term.loc.line;
        if (line <= 0) continue;
        if (!lo || line < lo) lo = line;
        if (line > hi) hi = line;
      }
    }
    int id = lines.len;
    int *range = ARENA_ARRAY(&x->keep, int, 2);
    range[0] = lo;
    range[1] = hi;
    vec_push(&x->a, &lines, range);
    for (int i = 0; i < n; i++)
      if (x->loop_of[body[i]] < 0 || size[body[i]] > n) {
        x->loop_of[body[i]] = id;
        size[body[i]] = n;
      }
  }
  x->loop_lines = arena_alloc(&x->keep, sizeof(int[2]) * (size_t)(lines.len + 1));
  for (int i = 0; i < lines.len; i++) {
    x->loop_lines[i][0] = ((int *)lines.data[i])[0];
    x->loop_lines[i][1] = ((int *)lines.data[i])[1];
  }
}

/* Is v declared inside the innermost loop around b (so each turn has its
   own v)? Judged by where v is declared against the lines the body spans. */
bool var_local_to_loop(const Ctx *x, const Block *b, const Var *v) {
  int l = x->loop_of ? x->loop_of[b->id] : -1;
  if (l < 0 || v->kind != VAR_LOCAL || v->loc.line <= 0) return false;
  return v->loc.line >= x->loop_lines[l][0] && v->loc.line <= x->loop_lines[l][1];
}
