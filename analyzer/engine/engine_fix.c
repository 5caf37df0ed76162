/*
 * engine_fix.c - where inserting the release call would fix a leak.
 *
 * A suggested `close(fd);` before an exit is only right when, on every path
 * that reaches that exit, fd holds the resource, nothing else does, and the
 * resource is certainly valid there: releasing -1 or NULL, a value some
 * path never acquired, or one already handed on, would be a new bug. Paths
 * differ, so the engine counts, for each return and goto, the states that
 * reach it and, per resource and holder variable, the states where the
 * release would be right; a fix is kept only when the counts agree and the
 * exploration was complete. What the source looks like around the exit
 * (braces, macros, the holder's scope) is for the report stage to check,
 * since it has the text (report/fix.c).
 */
#include "engine_int.h"

#include <string.h>

enum { REGION_MAX_BLOCKS = 64 };

typedef struct FixVisit {
  const Block *b;
  long acq_key; /* -1: every state reaching b */
  int holder;
  int n;
} FixVisit;

static FixVisit *visit_find(const Ctx *x, const Block *b, long acq_key, int holder) {
  for (int i = x->fix_visits.len - 1; i >= 0; i--) {
    FixVisit *v = x->fix_visits.data[i];
    if (v->b == b && v->acq_key == acq_key && v->holder == holder) return v;
  }
  return NULL;
}

static void visit_count(Ctx *x, const Block *b, long acq_key, int holder) {
  FixVisit *v = visit_find(x, b, acq_key, holder);
  if (!v) {
    v = ARENA_NEW(&x->keep, FixVisit);
    *v = (FixVisit){b, acq_key, holder, 0};
    vec_push(&x->keep, &x->fix_visits, v);
  }
  v->n++;
}

/* Not merely "may succeed": every fact says the resource is live. */
static bool certainly_valid(const State *s, const Res *r) {
  if (r->val < 0) return false;
  const Val *v = &s->vals[r->val];
  if (r->cond_val >= 0 && val_may(&s->vals[r->cond_val], cmp_negate(r->cond_op), r->cond_c))
    return false;
  if (r->nullable && val_may(v, CMP_EQ, 0)) return false;
  if (r->nvalid) {
    bool in = false;
    for (int i = 0; i < r->nvalid && !in; i++)
      in = !val_may(v, cmp_negate((CmpOp)r->valid_op[i]), r->valid_c[i]);
    if (!in) return false;
  }
  return true;
}

/* The local or parameter that alone holds r's value, or -1. Another cell
   holding it (a struct field, a copy) could be used after the release. */
static int sole_holder(const Ctx *x, const State *s, const Res *r) {
  int holder = -1;
  for (int i = 0; i < s->nslots; i++) {
    if (s->slots[i].val != r->val) continue;
    Cell c = s->slots[i].cell;
    if (holder >= 0 || c.root < 0 || c.chain != 0) return -1;
    VarKind k = x->f->vars[c.root]->kind;
    if (k != VAR_LOCAL && k != VAR_PARAM) return -1;
    holder = c.root;
  }
  return holder;
}

void fix_observe(Ctx *x, const State *s, const Block *b) {
  if (!x->out || x->summary_mode) return;
  visit_count(x, b, -1, -1);
  for (int i = 0; i < s->nres; i++) {
    const Res *r = &s->res[i];
    if (r->status != RS_OWNED || r->kind->scoped || !certainly_valid(s, r)) continue;
    int h = sole_holder(x, s, r);
    if (h >= 0) visit_count(x, b, r->acq_key, h);
  }
}

static bool is_goto(const Block *b) {
  const char *k = b->term.kind == TERM_JUMP ? b->term.jump_kind : NULL;
  return k && strncmp(k, "goto ", 5) == 0 && strcmp(k, "goto *") != 0;
}

void fix_candidate(Ctx *x, Report *p, const State *s, const Res *r, Loc point, const Trace *t) {
  if (p->kind != FIND_LEAK || !t || t->ev != EV_END || !t->block ||
      t->block->term.kind != TERM_RETURN)
    return;
  /* Near the trace's depth cap, jumps may be missing from it. */
  if (t->depth >= 300) return;
  const Block *site = t->block;
  bool jumped = false;
  for (const Trace *e = t->prev; e && e != r->trace; e = e->prev)
    if (e->ev == EV_JUMP && is_goto(e->block)) {
      site = e->block;
      jumped = true;
      break;
    }
  int h = sole_holder(x, s, r);
  if (h < 0) return;
  for (int i = 0; i < p->fixcands.len; i++) {
    const FixCand *c = p->fixcands.data[i];
    if (c->site == site && c->holder == h) return;
  }
  FixCand *c = ARENA_NEW(&x->keep, FixCand);
  *c = (FixCand){site, jumped, h, point};
  vec_push(&x->keep, &p->fixcands, c);
}

/* The release function of kind k that takes the resource alone: a rule
   releasing k's family at arg0, declared in the unit with one parameter
   (so `munmap(p)` or `pthread_join(t)` are never suggested). The shortest
   name wins among several (close over closesocket, BIO_free over
   BIO_free_all). */
static const char *release_for(const Ctx *x, const ResKind *k) {
  const RuleSet *rs = x->c->rules;
  const char *best = NULL;
  for (int i = 0; rs && i < rs->nfuncs; i++) {
    const FuncRule *fr = rs->funcs[i];
    if (fr->from_summary || fr->nreleases != 1 || fr->nacquires || fr->ntransfers) continue;
    const Release *rl = &fr->releases[0];
    if (rl->partial || rl->target.arg != 0 || rl->target.nsteps || strcmp(rl->family, k->family))
      continue;
    const FuncDecl *d = x->c->unit ? unit_find_decl(x->c->unit, fr->name) : NULL;
    if (!d || d->nparams != 1 || d->variadic || callee_rule(x, fr->name) != fr) continue;
    size_t n = strlen(fr->name);
    if (!best || n < strlen(best) || (n == strlen(best) && strcmp(fr->name, best) < 0))
      best = fr->name;
  }
  return best;
}

static bool expr_mentions(const Expr *e, int var);

static bool path_mentions(const Path *p, int var) {
  for (; p; p = p->base) {
    if (p->kind == PATH_VAR) return p->var && p->var->id == var;
    if (p->kind == PATH_INDEX && expr_mentions(p->index_expr, var)) return true;
  }
  return false;
}

static bool expr_mentions(const Expr *e, int var) {
  if (!e) return false;
  if ((e->kind == EXPR_PATH || e->kind == EXPR_ADDR) && path_mentions(e->path, var)) return true;
  for (int i = 0; i < e->nops; i++)
    if (expr_mentions(e->ops[i], var)) return true;
  return e->kind == EXPR_UNKNOWN; /* cannot tell: assume it does */
}

static bool block_mentions(const Block *b, int var) {
  for (int i = 0; i < b->nstmts; i++) {
    const Stmt *st = b->stmts[i];
    if (path_mentions(st->lhs, var) || expr_mentions(st->rhs, var) || expr_mentions(st->fnptr, var))
      return true;
    for (int k = 0; k < st->nargs; k++)
      if (expr_mentions(st->args[k], var)) return true;
  }
  const Term *t = &b->term;
  return expr_mentions(t->lhs, var) || expr_mentions(t->rhs, var) || expr_mentions(t->value, var);
}

static Loc block_start(const Block *b) {
  return b->nstmts ? b->stmts[0]->loc : b->term.loc;
}

/* After a forward goto, the code from the label on must not touch the
   holder, or the release would come before a use. */
static bool region_clean(Ctx *x, const Block *from, int var) {
  const Block *target = from->term.succ[0];
  if (block_start(target).line <= from->term.loc.line) return false;
  const Block **queue = ARENA_ARRAY(&x->a, const Block *, REGION_MAX_BLOCKS);
  int n = 0;
  queue[n++] = target;
  for (int i = 0; i < n; i++) {
    const Block *b = queue[i];
    if (block_mentions(b, var)) return false;
    if (b->term.kind == TERM_RETURN || b->term.kind == TERM_NORETURN) continue;
    for (int k = 0; k < b->term.nsucc; k++) {
      const Block *s = b->term.succ[k];
      bool seen = false;
      for (int j = 0; j < n && !seen; j++)
        seen = queue[j] == s;
      if (seen) continue;
      if (n == REGION_MAX_BLOCKS) return false;
      queue[n++] = s;
    }
  }
  return true;
}

/* `return;`, `return -1;`, `return NULL;`, `return err;`: nothing in the
   returned value can use the resource once it is released. */
static bool plain_value(const Expr *e, int holder) {
  if (!e || e->kind == EXPR_CONST) return true;
  if (e->kind == EXPR_PATH && e->path->kind == PATH_VAR)
    return e->path->var->kind != VAR_TEMP && e->path->var->id != holder;
  if (e->kind != EXPR_OP) return false;
  for (int i = 0; i < e->nops; i++)
    if (!e->ops[i] || e->ops[i]->kind != EXPR_CONST) return false;
  return e->nops > 0;
}

void fix_emit(Ctx *x, const Report *p, Finding *f) {
  if (x->budget_hit || x->dropped || p->kind != FIND_LEAK || !p->fixcands.len) return;
  const char *release = release_for(x, p->res->kind);
  if (!release) return;
  f->fixes = ARENA_ARRAY(&x->a, FixSite, p->fixcands.len);
  for (int i = 0; i < p->fixcands.len; i++) {
    const FixCand *c = p->fixcands.data[i];
    const FixVisit *all = visit_find(x, c->site, -1, -1);
    const FixVisit *ok = visit_find(x, c->site, p->res->acq_key, c->holder);
    if (!all || !ok || ok->n != all->n) continue;
    if (c->is_goto ? !region_clean(x, c->site, c->holder)
                   : !plain_value(c->site->term.value, c->holder))
      continue;
    const Var *v = x->f->vars[c->holder];
    f->fixes[f->nfixes++] = (FixSite){
        .release = release,
        .holder = v->name,
        .holder_decl = v->loc,
        .exit = c->site->term.loc,
        .exit_kind = c->is_goto ? FIX_EXIT_GOTO : FIX_EXIT_RETURN,
        .leak_point = c->point,
    };
  }
}
