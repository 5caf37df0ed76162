/*
 * engine_derefs.c - the parameters a function dereferences before it can
 * take any branch.
 *
 * What runs before a function's first branch runs on every call: if it
 * reads `conn->state` (or passes conn on to a function that does so
 * itself), a call with a NULL conn does not return; it crashes. Summaries
 * carry these parameters (FuncRule.derefs_args) and a caller's path that
 * passes a constant NULL there ends at the call (engine_call.c) rather
 * than going on as if the callee had coped: a stub that always returns
 * NULL (`connCreateTLS()` in a build without TLS) followed by
 * `if (connGetState(conn) != ...)` is a path the program never finishes,
 * not one that leaks.
 *
 * Only plain reads and writes through the parameter itself count
 * (`p->f`, `*p`, `p[i]`), before anything assigns the parameter; taking
 * an address (`&p->f`) does not. The walk follows unconditional jumps from
 * the entry block and stops at the first branch, switch or return, after
 * its condition or value, which are evaluated on every path too.
 */
#include "engine_int.h"

static void mark_param(const Func *f, const Path *base, unsigned live, unsigned *mask) {
  if (base->kind != PATH_VAR || base->var->kind != VAR_PARAM) return;
  int i = base->var->id;
  if (i < f->nparams && i < 32 && (live >> i & 1)) *mask |= 1u << i;
}

static void expr_derefs(const Func *f, const Expr *e, unsigned live, unsigned *mask);

static void path_derefs(const Func *f, const Path *p, unsigned live, unsigned *mask) {
  for (; p && p->kind != PATH_VAR; p = p->base) {
    if (p->kind == PATH_ARROW || p->kind == PATH_DEREF ||
        (p->kind == PATH_INDEX && p->base->kind == PATH_VAR && p->base->var->type == TY_POINTER))
      mark_param(f, p->base, live, mask);
    if (p->kind == PATH_INDEX) expr_derefs(f, p->index_expr, live, mask);
  }
}

static void expr_derefs(const Func *f, const Expr *e, unsigned live, unsigned *mask) {
  if (!e) return;
  if (e->kind == EXPR_PATH) path_derefs(f, e->path, live, mask);
  if (e->kind == EXPR_OP && e->text && e->text[0] == '?') return; /* maybe unevaluated */
  for (int i = 0; (e->kind == EXPR_CMP || e->kind == EXPR_OP) && i < e->nops; i++)
    expr_derefs(f, e->ops[i], live, mask);
}

unsigned engine_entry_derefs(const Func *f, const Callees *c) {
  unsigned mask = 0, live = ~0u; /* live: parameters still holding what the caller passed */
  if (f->nblocks == 0) return 0;
  uint8_t seen[256] = {0};
  const Block *b = f->blocks[0];
  for (;;) {
    if (b->id < 256) {
      if (seen[b->id]) break;
      seen[b->id] = 1;
    }
    for (int i = 0; i < b->nstmts; i++) {
      const Stmt *s = b->stmts[i];
      if (s->kind == STMT_ASSIGN) {
        expr_derefs(f, s->rhs, live, &mask);
      } else {
        expr_derefs(f, s->fnptr, live, &mask);
        const FuncRule *r = NULL;
        if (s->callee) {
          r = c->rules ? rules_find_func(c->rules, s->callee) : NULL;
          if (!r && c->lookup) r = c->lookup(c->lookup_ctx, c->unit, s->callee);
        }
        for (int k = 0; k < s->nargs; k++) {
          const Expr *a = s->args[k];
          expr_derefs(f, a, live, &mask);
          if (r && k < 32 && (r->derefs_args >> k & 1) && a->kind == EXPR_PATH)
            mark_param(f, a->path, live, &mask);
        }
        if (r && r->noreturn) return mask;
      }
      if (s->lhs) {
        path_derefs(f, s->lhs, live, &mask);
        if (s->lhs->kind == PATH_VAR && s->lhs->var->kind == VAR_PARAM && s->lhs->var->id < 32)
          live &= ~(1u << s->lhs->var->id);
      }
    }
    const Term *t = &b->term;
    expr_derefs(f, t->lhs, live, &mask);
    expr_derefs(f, t->rhs, live, &mask);
    expr_derefs(f, t->value, live, &mask);
    if (t->kind != TERM_JUMP || t->nsucc != 1) break;
    b = t->succ[0];
  }
  return mask;
}
