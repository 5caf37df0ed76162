/*
 * engine_trace.c - the path a finding shows, and the findings themselves.
 *
 * While exploring, each state carries a persistent list of events (a branch
 * taken, a goto, an acquisition); forks share their common prefix, so a
 * state's history costs one node per event. Events are raw (a block and the
 * successor taken); they become sentences only when a finding is emitted,
 * which is rare next to the number of states.
 *
 * Findings are collected per function in Reports, deduplicated the way
 * users want them: one leak per acquisition site with every leak point
 * found, one lost reference per overwriting statement, and so on.
 */
#include "engine_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { TRACE_MAX_DEPTH = 400, STEPS_MAX = 48 };

Trace *trace_push(Ctx *x, const Trace *t, EvKind ev, Loc loc) {
  bool essential = ev == EV_ACQUIRE || ev == EV_END || ev == EV_RELEASE;
  if (!essential && t && t->depth >= TRACE_MAX_DEPTH) return (Trace *)t;
  Trace *n = ARENA_NEW(&x->keep, Trace);
  n->prev = t;
  n->depth = t ? t->depth + 1 : 1;
  n->ev = ev;
  n->loc = loc;
  return n;
}

/* ---- Sentences ------------------------------------------------------------ */

static const char *article(const char *noun) {
  return noun && strchr("aeiouAEIOU", noun[0]) ? "an" : "a";
}

static const char *basename_of(const char *path) {
  const char *s = path ? strrchr(path, '/') : NULL;
  return s ? s + 1 : path ? path : "?";
}

static const char *expr_text(Ctx *x, const Expr *e) {
  Buf b = {0};
  expr_print(&x->a, &b, e);
  return buf_str(&x->a, &b);
}

/* What `callee() op c` means: "fails", "succeeds" when a rule (or a common
   convention) says, otherwise the comparison itself. */
static const char *call_outcome(Ctx *x, const char *callee, TypeClass type, CmpOp op, long c) {
  const FuncRule *r = callee_rule(x, callee);
  for (int i = 0; r && i < r->nacquires; i++) {
    const Acquire *a = &r->acquires[i];
    if (a->when.always) continue;
    Val v;
    memset(&v, 0, sizeof v);
    val_set_top(&v);
    if (!val_refine(&v, op, c)) break;
    if (!val_may(&v, cmp_negate(a->when.op), a->when.value)) return "succeeds";
    if (!val_may(&v, a->when.op, a->when.value)) return "fails";
    break;
  }
  if ((op == CMP_LT && c == 0) || (op == CMP_LE && c == -1) || (op == CMP_EQ && c == -1))
    return "fails";
  if ((op == CMP_GE && c == 0) || (op == CMP_GT && c == -1) || (op == CMP_NE && c == -1))
    return "succeeds";
  if (c == 0 && type == TY_POINTER && (op == CMP_EQ || op == CMP_NE))
    return op == CMP_EQ ? "fails" : "succeeds";
  if (c == 0 && op == CMP_EQ) return "returns 0";
  if (c == 0 && op == CMP_NE) return "returns non-zero";
  return arena_printf(&x->a, "returns a value %s %ld", cmp_op_str(op), c);
}

static bool expr_opaque(const Expr *e) {
  if (e->kind == EXPR_UNKNOWN) return !e->is_float && !e->is_name;
  for (int i = 0; i < e->nops; i++)
    if (expr_opaque(e->ops[i])) return true;
  return false;
}

static const char *explain_branch(Ctx *x, const Term *t, int taken) {
  CmpOp op = taken ? cmp_negate(t->cmp) : t->cmp;
  const Expr *l = t->lhs, *r = t->rhs;
  if (l && r && l->kind == EXPR_CONST && r->kind != EXPR_CONST) {
    const Expr *e = l;
    l = r;
    r = e;
    op = cmp_swap(op);
  }
  if (!l || !r) return "taking this branch";
  /* Something the front end could not express: say which way the test
     went rather than print a placeholder. */
  if (expr_opaque(l) || expr_opaque(r))
    return taken ? "assuming the condition is false" : "assuming the condition is true";
  bool rconst = r->kind == EXPR_CONST;
  const Var *var = l->kind == EXPR_PATH && l->path->kind == PATH_VAR ? l->path->var : NULL;
  if (var && var->kind == VAR_TEMP && var->origin_call && rconst)
    return arena_printf(&x->a, "assuming %s() %s", var->origin_call,
                        call_outcome(x, var->origin_call, var->type, op, r->value));
  if (var && var->kind == VAR_TEMP && var->origin_call && (op == CMP_EQ || op == CMP_NE))
    return arena_printf(&x->a, "assuming %s() %s %s", var->origin_call,
                        op == CMP_EQ ? "returns" : "does not return", expr_text(x, r));
  if (var && var->kind == VAR_TEMP && var->origin_call)
    return arena_printf(&x->a, "assuming the result of %s() %s %s", var->origin_call,
                        cmp_op_str(op), expr_text(x, r));
  bool pointer = (var && var->type == TY_POINTER) || (rconst && r->is_null);
  if (rconst && r->value == 0 && pointer && (op == CMP_EQ || op == CMP_NE))
    return arena_printf(&x->a, "assuming %s is %sNULL", expr_text(x, l),
                        op == CMP_EQ ? "" : "not ");
  /* An unsigned operand compared with a negative constant: the constant
     converts to unsigned (`n == (size_t)-1` is n == SIZE_MAX). */
  if (rconst && r->value < 0 && l->is_unsigned)
    return arena_printf(&x->a, "assuming %s %s %lu", expr_text(x, l), cmp_op_str(op),
                        (unsigned long)r->value);
  return arena_printf(&x->a, "assuming %s %s %s", expr_text(x, l), cmp_op_str(op), expr_text(x, r));
}

static const char *explain_jump(Ctx *x, const Term *t) {
  const char *k = t->jump_kind;
  if (strncmp(k, "goto ", 5) == 0) return arena_printf(&x->a, "jumping to '%s'", k + 5);
  if (strcmp(k, "goto") == 0 && t->succ[0]->label)
    return arena_printf(&x->a, "jumping to '%s'", t->succ[0]->label);
  if (strcmp(k, "break") == 0) return "leaving the loop or switch (break)";
  if (strcmp(k, "continue") == 0) return "continuing with the next iteration";
  return arena_printf(&x->a, "taking the %s", k);
}

static const char *explain_end(Ctx *x, const Block *b) {
  const Term *t = &b->term;
  if (t->kind == TERM_NORETURN)
    return arena_printf(&x->a, "%s() does not return",
                        t->noreturn_callee ? t->noreturn_callee : "the call");
  if (t->loc.line < x->max_ret_line)
    return arena_printf(&x->a, "taking the early return at line %d", t->loc.line);
  if (!t->value && t->loc.line >= x->f->end.line)
    return arena_printf(&x->a, "reaching the end of %s()", x->f->name);
  return arena_printf(&x->a, "returning at line %d", t->loc.line);
}

static const char *explain_acquire(Ctx *x, const Trace *e, const Res *r) {
  const char *what = e->kind->desc ? e->kind->desc : e->kind->id;
  if (r && r->rule && r->rule->from_summary)
    return arena_printf(&x->a, "%s %s by %s() here", what,
                        r->acq->lhs && r->val >= 0 ? "returned" : "acquired", r->rule->name);
  return arena_printf(&x->a, "%s %s here", what, e->kind->scoped ? "locked" : "acquired");
}

static const char *explain(Ctx *x, const Trace *e, const Res *r) {
  switch (e->ev) {
  case EV_ACQUIRE: return explain_acquire(x, e, r);
  case EV_BRANCH: return explain_branch(x, &e->block->term, e->n);
  case EV_SWITCH: {
    const Term *t = &e->block->term;
    if (e->n >= t->ncases) return "taking the default case";
    if (t->cases[e->n].lo == t->cases[e->n].hi)
      return arena_printf(&x->a, "taking case %ld", t->cases[e->n].lo);
    return arena_printf(&x->a, "taking case %ld ... %ld", t->cases[e->n].lo, t->cases[e->n].hi);
  }
  case EV_JUMP: return explain_jump(x, &e->block->term);
  case EV_OVERWRITE: return "overwritten here";
  case EV_RELEASE: return "released here";
  case EV_SCOPE:
    return arena_printf(&x->a,
                        "the previous turn's %s is out of scope when the loop comes back here",
                        e->text ? e->text : "variable");
  case EV_HANDED:
    return arena_printf(&x->a,
                        "%s() returns %ld, its failure value, with the %s still in the "
                        "caller's memory: callers that see the failure do not release it",
                        x->f->name, e->n, r->kind->desc);
  case EV_END:
    if (e->stmt) return arena_printf(&x->a, "%s() does not return", call_name(e->stmt));
    return explain_end(x, e->block);
  }
  return "";
}

/* ---- Fault plans ---------------------------------------------------------- */

/* The call whose result v holds: a call's temporary, or a local assigned by
   exactly one call in the function (`n = send(..); if (n < 0)`). */
static const Stmt *defining_call(Ctx *x, const Var *v) {
  const Stmt *found = NULL;
  for (int i = 0; i < x->f->nblocks; i++) {
    const Block *b = x->f->blocks[i];
    for (int j = 0; j < b->nstmts; j++) {
      const Stmt *st = b->stmts[j];
      if (!st->lhs || st->lhs->kind != PATH_VAR || st->lhs->var != v) continue;
      if (st->kind != STMT_CALL || !st->callee || found) return NULL;
      found = st;
    }
  }
  return found;
}

/* A value satisfies `OP c`. */
static bool holds(long v, CmpOp op, long c) {
  return cmp_fold(op, v, c);
}

/* The value a failing call returns that the assumption `result OP c`
   accepts: NULL for pointers; -1 (with errno) for signed results, or
   whatever violates the callee's acquire condition; 0 for unsigned counts.
   A success value (0 from connect()) never counts as a failure. */
static bool failure_value(Ctx *x, const char *callee, bool pointer, bool is_unsigned, CmpOp op,
                          long c, long *out) {
  if (pointer) {
    *out = 0;
    return holds(0, op, c);
  }
  const FuncRule *r = callee_rule(x, callee);
  for (int i = 0; r && i < r->nacquires; i++) {
    const SuccessCond *w = &r->acquires[i].when;
    if (w->always || w->on_target) continue;
    long cands[] = {-1, w->value - 1, w->value + 1, 0};
    for (int k = 0; k < 4; k++)
      if (!holds(cands[k], w->op, w->value) && holds(cands[k], op, c)) {
        *out = cands[k];
        return true;
      }
    return false;
  }
  long v = is_unsigned ? 0 : -1;
  *out = v;
  return holds(v, op, c);
}

/* The fault step a branch taken on a call's result means, if it is one. */
static bool fault_of_branch(Ctx *x, const Term *t, int taken, FaultStep *out) {
  CmpOp op = taken ? cmp_negate(t->cmp) : t->cmp;
  const Expr *l = t->lhs, *r = t->rhs;
  if (l && r && l->kind == EXPR_CONST && r->kind != EXPR_CONST) {
    const Expr *e = l;
    l = r;
    r = e;
    op = cmp_swap(op);
  }
  if (!l || !r || l->kind != EXPR_PATH || l->path->kind != PATH_VAR) return false;
  const Var *v = l->path->var;
  const char *callee = NULL;
  Loc at = v->loc;
  if (v->kind == VAR_TEMP && v->origin_call) {
    callee = v->origin_call;
  } else if (v->kind == VAR_LOCAL) {
    const Stmt *st = defining_call(x, v);
    if (!st) return false;
    callee = st->callee;
    at = st->loc;
  }
  if (!callee) return false;
  memset(out, 0, sizeof *out);
  out->loc = at;
  out->callee = callee;
  out->op = op;
  out->value = r->kind == EXPR_CONST ? r->value : 0;
  out->pointer = v->type == TY_POINTER;
  if (r->kind == EXPR_CONST) {
    out->injectable =
        failure_value(x, callee, out->pointer, v->is_unsigned, op, r->value, &out->fail_value);
  } else { /* `send(..) != n`: -1 is below and unequal to any count */
    out->injectable =
        !out->pointer && !v->is_unsigned && (op == CMP_NE || op == CMP_LT || op == CMP_LE);
    out->fail_value = -1;
  }
  /* Failures are injected where the program meets its environment (the
     system, libraries); a function defined in the analyzed code runs for
     real, so a path needing it to fail when it cannot stays impossible. */
  const FuncRule *rule = callee_rule(x, callee);
  const FuncDecl *d = x->c->unit ? unit_find_decl(x->c->unit, callee) : NULL;
  if ((rule && rule->from_summary) || (d && d->has_body)) out->injectable = false;
  out->fail_errno = out->injectable ? (out->pointer ? ENOMEM : EIO) : 0;
  return true;
}

/* Where r's acquiring rule puts the resource, for the instrumenter. */
static void acquisition_target(Ctx *x, const Res *r, Finding *f) {
  f->acq_arg = TARGET_RET;
  f->acq_path = "@";
  f->acq_always = true;
  const Acquire *a = NULL;
  for (int i = 0; r->rule && i < r->rule->nacquires && !a; i++)
    if (r->rule->acquires[i].kind == r->kind) a = &r->rule->acquires[i];
  if (!a) return;
  f->acq_arg = a->target.arg;
  const char *e = "@";
  for (int i = 0; i < a->target.nsteps; i++) {
    const TargetStep *st = &a->target.steps[i];
    bool arrow = st->kind == STEP_FIELD && i > 0 && a->target.steps[i - 1].kind == STEP_DEREF;
    if (arrow) continue; /* folded into the field below */
    if (st->kind == STEP_DEREF && i + 1 < a->target.nsteps &&
        a->target.steps[i + 1].kind == STEP_FIELD)
      e = arena_printf(&x->a, "(%s)->%s", e, a->target.steps[i + 1].field);
    else if (st->kind == STEP_DEREF)
      e = arena_printf(&x->a, "*(%s)", e);
    else if (st->kind == STEP_FIELD)
      e = arena_printf(&x->a, "(%s).%s", e, st->field);
    else
      e = arena_printf(&x->a, "(%s)[%ld]", e, st->index);
  }
  f->acq_path = e;
  f->acq_always = a->when.always || a->when.on_target;
  f->acq_op = a->when.op;
  f->acq_value = a->when.value;
}

/* A path that goes round a loop and comes back to a branch it already
   explained says nothing new in between: the turns from the first visit of
   that line to the last are dropped when they hold only branches and jumps
   (never the acquisition, a release or the end), so the path shown moves
   forward through the function. evs[i] is the event behind steps[i]. */
static int drop_loop_turns(PathStep *steps, const Trace **evs, int m) {
  int out = 0;
  for (int i = 0; i < m; i++) {
    const Trace *e = evs[i];
    bool plain = e->ev == EV_BRANCH || e->ev == EV_SWITCH || e->ev == EV_JUMP;
    int back = -1;
    for (int j = out - 1; plain && j > 0; j--) {
      const Trace *o = evs[j];
      if (o->ev != EV_BRANCH && o->ev != EV_SWITCH && o->ev != EV_JUMP) break;
      if (o->loc.line == e->loc.line && o->loc.file == e->loc.file) back = j;
    }
    if (back >= 0) out = back;
    steps[out] = steps[i];
    evs[out] = evs[i];
    out++;
  }
  return out;
}

/* Steps from the acquisition of r to the end of trace t, then `last`. */
static void build_steps(Ctx *x, const Trace *t, const Res *r, PathStep last, Finding *f) {
  int n = 0;
  for (const Trace *e = t; e; e = e->prev) {
    n++;
    if (e == r->trace) break;
  }
  const Trace **evs = ARENA_ARRAY(&x->a, const Trace *, n + 1);
  int k = n;
  for (const Trace *e = t; e && k > 0; e = e->prev) {
    evs[--k] = e;
    if (e == r->trace) break;
  }
  PathStep *steps = ARENA_ARRAY(&x->a, PathStep, n + 1);
  FaultStep *faults = ARENA_ARRAY(&x->a, FaultStep, n + 1);
  int m = 0, nf = 0;
  for (int i = k; i < n; i++) {
    const Trace *e = evs[i];
    if (e->ev == EV_ACQUIRE && e != r->trace) continue; /* other resources */
    if (e->ev == EV_RELEASE && e->n != r->acq_key) continue;
    if (e->ev == EV_BRANCH && fault_of_branch(x, &e->block->term, e->n, &faults[nf])) nf++;
    evs[k + m] = e;
    steps[m++] = (PathStep){e->loc, explain(x, e, r)};
  }
  m = drop_loop_turns(steps, evs + k, m);
  if (last.msg) steps[m++] = last;
  /* Very long paths (many loop turns) keep their start and their end. */
  if (m > STEPS_MAX) {
    int head = STEPS_MAX / 4, tail = STEPS_MAX - head - 1;
    steps[head] = (PathStep){steps[m - tail - 1].loc, "... (steps omitted)"};
    memmove(&steps[head + 1], &steps[m - tail], sizeof(PathStep) * (size_t)tail);
    m = STEPS_MAX;
  }
  f->steps = steps;
  f->nsteps = m;
  f->faults = faults;
  f->nfaults = nf;
}

/* ---- Reports ---------------------------------------------------------------- */

static bool loc_eq(Loc a, Loc b) {
  return a.line == b.line && a.col == b.col &&
         (a.file == b.file || (a.file && b.file && strcmp(a.file, b.file) == 0));
}

static bool loc_before(Loc a, Loc b) {
  return a.line < b.line || (a.line == b.line && a.col < b.col);
}

static Report *report_find(Ctx *x, FindingKind k, const Res *r, const Stmt *at) {
  for (Report *p = x->reports; p; p = p->next)
    if (p->kind == k && (at ? p->at == at : (p->res->acq == r->acq && p->res->kind == r->kind)))
      return p;
  return NULL;
}

static Report *report_get(Ctx *x, FindingKind k, const Res *r, const Stmt *at) {
  Report *p = report_find(x, k, r, at);
  if (p) return p;
  p = ARENA_NEW(&x->keep, Report);
  p->kind = k;
  Res *copy = ARENA_NEW(&x->keep, Res);
  *copy = *r;
  p->res = copy;
  p->at = at;
  p->next = x->reports;
  x->reports = p;
  return p;
}

void report_leak(Ctx *x, const State *s, const Res *r, Loc point, const Trace *t) {
  if (!x->out || r->permanent || r->kind->permanent) return;
  Report *p = report_get(x, r->kind->scoped ? FIND_LOCK_HELD : FIND_LEAK, r, NULL);
  fix_candidate(x, p, s, r, point, t);
  for (int i = 0; i < p->points.len; i++)
    if (loc_eq(*(Loc *)p->points.data[i], point)) return;
  Loc *l = ARENA_NEW(&x->keep, Loc);
  *l = point;
  vec_push(&x->keep, &p->points, l);
  /* The path shown is the shortest found to the earliest leak point: the
     fewest events since the acquisition. */
  bool shorter = p->trace && loc_eq(point, p->first) && t && r->trace && p->res->trace &&
                 t->depth - r->trace->depth < p->trace->depth - p->res->trace->depth;
  if (!p->trace || loc_before(point, p->first) || shorter) {
    p->trace = t;
    p->first = point;
    *(Res *)p->res = *r;
  }
}

Report *report_at(Ctx *x, FindingKind k, const State *s, const Res *r, const Stmt *at,
                  const char *holder, const FuncRule *rel) {
  if (!x->out) return NULL;
  if (report_find(x, k, r, at)) return NULL; /* reported at this call already */
  Report *p = report_get(x, k, r, at);
  p->holder = holder;
  p->release_rule = rel;
  p->first_release = r->released_at;
  p->trace = s->trace;
  p->first = at->loc;
  return p;
}

void report_ignored(Ctx *x, const State *s, const Stmt *at, const ResKind *kind,
                    const FuncRule *rule) {
  Res r = {0};
  r.kind = kind;
  r.acq = at;
  r.rule = rule;
  r.trace = NULL;
  report_at(x, FIND_IGNORED_RESULT, s, &r, at, NULL, rule);
}

/* ---- Findings ------------------------------------------------------------- */

static const char *leak_rule_of(Ctx *x, const ResKind *k) {
  if (k->leak_rule) return k->leak_rule;
  return arena_printf(&x->a, "connlint-%s-leak", k->family);
}

static const char *what(const ResKind *k) {
  return k->desc ? k->desc : k->id;
}

static const char *helper_origin(Ctx *x, const Res *r) {
  return arena_printf(&x->a, "%s() (%s:%d)", r->rule->name, basename_of(r->rule->loc.file),
                      r->rule->loc.line);
}

static const ReturnOutcome *disagreeing_return(Ctx *x, const Report *p);

static const char *message(Ctx *x, const Report *p) {
  const Res *r = p->res;
  const char *w = what(r->kind);
  int line = r->acq->loc.line;
  switch (p->kind) {
  case FIND_LEAK:
    /* The first point is a return, or where a loop-local holder's turn
       ended (the loop coming back to its declaration). */
    if (r->rule && r->rule->from_summary && p->trace && p->trace->ev == EV_SCOPE)
      return arena_printf(&x->a,
                          "%s %s by %s is not released before %s goes out of scope at the end "
                          "of its loop turn",
                          w, r->acq->lhs && r->val >= 0 ? "returned" : "acquired",
                          helper_origin(x, r), p->trace->text ? p->trace->text : "its holder");
    if (r->rule && r->rule->from_summary)
      return arena_printf(&x->a, "%s %s by %s is not released when %s() returns at %s:%d", w,
                          r->acq->lhs && r->val >= 0 ? "returned" : "acquired", helper_origin(x, r),
                          x->f->name, basename_of(p->first.file), p->first.line);
    return arena_printf(&x->a, "%s acquired at line %d is not released on this path", w, line);
  case FIND_LOCK_HELD: {
    /* Returns that disagree say so: the reader sees which exit lets go. */
    const ReturnOutcome *f = disagreeing_return(x, p);
    if (f && f->loc.line != p->first.line)
      return arena_printf(&x->a,
                          "%s locked at line %d is still held when the function returns at "
                          "line %d, but not when it returns at line %d",
                          w, line, p->first.line, f->loc.line);
    return arena_printf(&x->a,
                        "%s locked at line %d is still held when the function returns at "
                        "line %d",
                        w, line, p->first.line);
  }
  case FIND_LOST_REFERENCE:
    return arena_printf(&x->a,
                        "%s still holds the %s acquired at line %d; overwriting it loses "
                        "the last reference",
                        p->holder ? p->holder : "its holder", w, line);
  case FIND_IGNORED_RESULT:
    return arena_printf(&x->a, "result of %s() is ignored; the %s it returns is never released",
                        call_name(p->at), w);
  case FIND_MISMATCH: {
    const char *fam = p->family ? p->family : "?";
    const char *desc = fam;
    rule_family_desc(x, fam, &desc);
    return arena_printf(&x->a, "%s() releases %s %s, but %s holds %s %s acquired at line %d",
                        call_name(p->at), article(desc), desc,
                        p->holder ? p->holder : "its argument", article(w), w, line);
  }
  case FIND_DOUBLE_RELEASE:
    if (p->first_release)
      return arena_printf(&x->a, "%s acquired at line %d is released twice (first at line %d)", w,
                          line, p->first_release->loc.line);
    return arena_printf(&x->a, "%s acquired at line %d is released twice", w, line);
  }
  return "";
}

static int report_order(const void *pa, const void *pb) {
  const Report *a = *(Report *const *)pa, *b = *(Report *const *)pb;
  Loc la = a->at ? a->at->loc : a->res->acq->loc, lb = b->at ? b->at->loc : b->res->acq->loc;
  if (loc_before(la, lb)) return -1;
  if (loc_before(lb, la)) return 1;
  return (int)a->kind - (int)b->kind;
}

/*
 * Lock protocols. A function may return holding a lock on purpose: a lock
 * wrapper, an iterator's begin() whose end() unlocks, lock_bucket(b). It
 * acquires for its caller (its summary says so), and its body is not a
 * finding, when its returns agree: the caller must be able to tell from
 * what the function returned whether the lock is held. So a lock held at
 * some returns is a protocol when
 *   - the lock is visible to the caller (not a local's), and
 *   - no return holding it is an error return (a negative constant, or NULL
 *     from a function returning a pointer), and
 *   - the caller can tell every return holding it from every return not
 *     holding it: they return values no one value satisfies both (0 and
 *     -1, non-NULL and NULL), or were passed arguments that differ so (a
 *     mode argument: pause_threads(PAUSE) locks, (RESUME) unlocks). A lock
 *     held at every return needs no telling apart.
 * Otherwise returns of the same kind disagree (a void function, or values
 * the caller cannot tell apart) and the held lock is reported, as Smatch
 * reports "inconsistent returns".
 */
static bool error_return(const Ctx *x, const ReturnOutcome *o) {
  if (!o->has_value) return false;
  if (o->ret.hi < 0) return true;
  long c;
  return x->f->ret_type == TY_POINTER && val_is_const(&o->ret, &c) && c == 0;
}

static bool lock_visible_to_caller(const Ctx *x, const Res *r) {
  if (r->lock.root < 0) return true;
  VarKind k = x->f->vars[r->lock.root]->kind;
  return k == VAR_GLOBAL || k == VAR_STATIC;
}

static bool outcome_holds(const ReturnOutcome *o, const Stmt *acq) {
  for (int i = 0; i < o->nheld; i++)
    if (o->held[i] == acq) return true;
  return false;
}

/* No value satisfies both a and b. */
static bool vals_disjoint(const Val *a, const Val *b) {
  if (a->hi < b->lo || b->hi < a->lo) return true;
  long c;
  if (val_is_const(a, &c) && !val_may(b, CMP_EQ, c)) return true;
  return val_is_const(b, &c) && !val_may(a, CMP_EQ, c);
}

/* Can the caller tell return h from return f: by the value returned, or
   by an argument it passed (pause_threads(PAUSE) locks, (RESUME) does
   not)? */
static bool outcomes_distinct(const ReturnOutcome *h, const ReturnOutcome *f) {
  if (h->has_value && f->has_value && vals_disjoint(&h->ret, &f->ret)) return true;
  for (int i = 0; i < h->nparams && i < f->nparams; i++)
    if (vals_disjoint(&h->params[i], &f->params[i])) return true;
  return false;
}

/* A return not holding p's lock that the caller cannot tell from one that
   does (for the message), or NULL. */
static const ReturnOutcome *disagreeing_return(Ctx *x, const Report *p) {
  for (int i = 0; i < x->outcomes.len; i++) {
    const ReturnOutcome *h = x->outcomes.data[i];
    if (!outcome_holds(h, p->res->acq) || h->loc.line != p->first.line) continue;
    for (int k = 0; k < x->outcomes.len; k++) {
      const ReturnOutcome *f = x->outcomes.data[k];
      if (!outcome_holds(f, p->res->acq) && !outcomes_distinct(h, f)) return f;
    }
  }
  return NULL;
}

static bool lock_protocol(Ctx *x, const Report *p) {
  if (p->kind != FIND_LOCK_HELD || !lock_visible_to_caller(x, p->res)) return false;
  if (x->outcomes.len == 0) return false; /* held where exit() ends the paths: no caller */
  for (int i = 0; i < x->outcomes.len; i++) {
    const ReturnOutcome *o = x->outcomes.data[i];
    if (outcome_holds(o, p->res->acq) && error_return(x, o)) return false;
  }
  for (int i = 0; i < x->outcomes.len; i++) {
    const ReturnOutcome *h = x->outcomes.data[i];
    if (!outcome_holds(h, p->res->acq)) continue;
    for (int k = 0; k < x->outcomes.len; k++) {
      const ReturnOutcome *f = x->outcomes.data[k];
      if (!outcome_holds(f, p->res->acq) && !outcomes_distinct(h, f)) return false;
    }
  }
  return true;
}

/* A lost reference at the line that acquired the lost resource (`cfd =
   accept(..)` again in a loop) that also leaks there: one finding per
   acquisition site, and the leak is the one that shows every exit. */
static bool leak_reported_instead(const Ctx *x, const Report *p) {
  if (p->kind != FIND_LOST_REFERENCE || !p->at || p->at->loc.line != p->res->acq->loc.line ||
      p->at->loc.file != p->res->acq->loc.file)
    return false;
  for (const Report *q = x->reports; q; q = q->next)
    if (q->kind == FIND_LEAK && q->res->acq == p->res->acq) return true;
  return false;
}

/* A rule file says this function's own leaks or held locks are meant:
   `permanent` (what it acquires lives for the whole process), `leaves
   locked` (it returns holding a lock for its caller by protocol). */
static bool intended(const Ctx *x, const Report *p) {
  const FuncRule *r = x->c->rules ? rules_find_func(x->c->rules, x->f->name) : NULL;
  if (!r || r->from_summary) return false;
  return (p->kind == FIND_LEAK && r->permanent) || (p->kind == FIND_LOCK_HELD && r->leaves_locked);
}

static int loc_order(const void *pa, const void *pb) {
  const Loc *a = pa, *b = pb;
  return loc_before(*a, *b) ? -1 : loc_before(*b, *a);
}

/* The exit the path shows first, then the other exits by line, one per
   line: "also leaks at line N" never repeats the exit already shown. */
static Loc *leak_points(Ctx *x, const Report *p, int *n) {
  Loc *v = ARENA_ARRAY(&x->a, Loc, p->points.len + 1);
  int m = 0;
  v[m++] = p->first;
  Loc *rest = ARENA_ARRAY(&x->a, Loc, p->points.len + 1);
  int nr = 0;
  for (int k = 0; k < p->points.len; k++)
    rest[nr++] = *(Loc *)p->points.data[k];
  qsort(rest, (size_t)nr, sizeof *rest, loc_order);
  for (int k = 0; k < nr; k++) {
    bool seen = false;
    for (int j = 0; j < m && !seen; j++)
      seen = v[j].line == rest[k].line &&
             (v[j].file == rest[k].file ||
              (v[j].file && rest[k].file && strcmp(v[j].file, rest[k].file) == 0));
    if (!seen) v[m++] = rest[k];
  }
  *n = m;
  return v;
}

void reports_emit(Ctx *x) {
  int n = 0;
  for (Report *p = x->reports; p; p = p->next)
    n++;
  Report **v = ARENA_ARRAY(&x->a, Report *, n + 1);
  n = 0;
  for (Report *p = x->reports; p; p = p->next)
    v[n++] = p;
  qsort(v, (size_t)n, sizeof *v, report_order);
  for (int i = 0; i < n; i++) {
    Report *p = v[i];
    const Res *r = p->res;
    if (lock_protocol(x, p) || leak_reported_instead(x, p) || intended(x, p)) continue;
    Finding f;
    memset(&f, 0, sizeof f);
    f.kind = p->kind;
    bool leak = p->kind == FIND_LEAK || p->kind == FIND_LOCK_HELD;
    f.rule_id = leak ? leak_rule_of(x, r->kind) : finding_rule_id(p->kind);
    f.kind_id = r->kind->id;
    f.kind_desc = what(r->kind);
    f.family = r->kind->family;
    f.cwe = p->kind == FIND_LOST_REFERENCE   ? 773
            : p->kind == FIND_MISMATCH       ? 404
            : p->kind == FIND_DOUBLE_RELEASE ? 1341
                                             : r->kind->cwe;
    f.func = x->f->name;
    f.func_loc = x->f->loc;
    f.loc = p->at ? p->at->loc : r->acq->loc;
    f.message = message(x, p);
    f.acq_loc = r->acq->loc;
    f.acq_text = r->acq->text;
    acquisition_target(x, r, &f);
    if (leak) {
      f.leak_points = leak_points(x, p, &f.nleak_points);
    }
    PathStep last = {{0}, NULL};
    switch (p->kind) {
    case FIND_LOST_REFERENCE:
      last = (PathStep){p->at->loc, arena_printf(&x->a, "%s is overwritten here",
                                                 p->holder ? p->holder : "the holder")};
      break;
    case FIND_MISMATCH:
      last = (PathStep){p->at->loc, arena_printf(&x->a, "released by %s() here", call_name(p->at))};
      break;
    case FIND_DOUBLE_RELEASE: last = (PathStep){p->at->loc, "released again here"}; break;
    default: break;
    }
    if (p->kind == FIND_IGNORED_RESULT) {
      f.steps = ARENA_NEW(&x->a, PathStep);
      f.steps[0] = (PathStep){
          p->at->loc, arena_printf(&x->a, "the %s returned here is dropped", what(r->kind))};
      f.nsteps = 1;
    } else {
      build_steps(x, p->trace, r, last, &f);
    }
    fix_emit(x, p, &f);
    findings_add(x->out, &f);
  }
}
