/*
 * rules_check.c - rules held up against the analyzed code.
 *
 * A rule file is written against one version of a library and run on
 * another: a function may have lost a parameter, a `*arg2` may point at
 * what is now an int, and a rule may name a function nobody calls. None of
 * that is an error (versions differ), but each silently turns a rule into
 * nothing, so the driver reports them once per run as warnings. This file
 * also resolves calls through function pointers named by rules
 * ("hooks.alloc"), since --check-rules must see those as matches too.
 */
#include "rules_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const FuncRule *rules_find_indirect(const RuleSet *rs, const char *path, const char *member) {
  /* Longest dotted suffix first: a rule for "srv.hooks.alloc" beats one
     for "hooks.alloc". Names without a member (a function-pointer variable)
     are the variable lookup's business (Stmt.fnvar). */
  for (const char *p = path; p && *p; p = strchr(p, '.')) {
    if (*p == '.') p++;
    if (!strchr(p, '.')) break;
    const FuncRule *r = rules_find_exact(rs, p);
    if (r) return r;
  }
  return member ? rules_find_exact(rs, member) : NULL;
}

/* ---- Declarations against rules ---------------------------------------- */

static void target_args(const Target *t, int *max, unsigned *deref) {
  if (t->arg < 0) return;
  if (t->arg > *max) *max = t->arg;
  if (t->nsteps && t->steps[0].kind != STEP_FIELD) *deref |= 1u << t->arg;
}

static int highest_mask(unsigned m) {
  int n = -1;
  for (int i = 0; i < 32; i++)
    if (m >> i & 1u) n = i;
  return n;
}

/* The highest argument a rule names and the arguments it reaches through
   a pointer (`*argN`, `argN[i]`, `argN->f`). */
static int rule_args(const FuncRule *r, unsigned *deref) {
  int max = -1;
  *deref = 0;
  for (int i = 0; i < r->nacquires; i++)
    target_args(&r->acquires[i].target, &max, deref);
  for (int i = 0; i < r->nreleases; i++)
    target_args(&r->releases[i].target, &max, deref);
  for (int i = 0; i < r->ntransfers; i++)
    target_args(&r->transfers[i].from, &max, deref);
  for (int i = 0; i < r->nstores; i++) {
    target_args(&r->stores[i].what, &max, deref);
    if (r->stores[i].in > max) max = r->stores[i].in;
    if (r->stores[i].if_arg > max) max = r->stores[i].if_arg;
  }
  int m = highest_mask(r->borrow_mask | r->escape_mask | r->ref_mask);
  if (m > max) max = m;
  if (r->hands_back && r->hands_back_arg > max) max = r->hands_back_arg;
  if (r->owns_elements && r->owns_if_arg > max) max = r->owns_if_arg;
  return max;
}

static void warn(const FuncRule *r, Arena *a, Map *seen, Vec *out, const char *msg) {
  const char *key = arena_printf(a, "%s:%d: %s", r->loc.file, r->loc.line, msg);
  unsigned h = str_hash(key);
  if (map_get(seen, h, key, str_eq)) return;
  map_put(a, seen, h, key, (void *)key, str_eq);
  RuleWarning *w = ARENA_NEW(a, RuleWarning);
  w->loc = r->loc;
  w->loc.col = 0; /* file:line: the rule statement */
  w->loc.file = arena_strdup(a, r->loc.file);
  w->msg = arena_strdup(a, msg);
  vec_push(a, out, w);
}

void rules_check_unit(const RuleSet *rs, const Unit *u, Arena *a, Map *seen, Vec *out) {
  for (int i = 0; i < u->ndecls; i++) {
    const FuncDecl *d = u->decls[i];
    const FuncRule *r = rules_find_func(rs, d->name);
    if (!r || r->from_summary || strcmp(r->pack, "attrs") == 0) continue;
    unsigned deref;
    int max = rule_args(r, &deref);
    if (max >= d->nparams && !d->variadic && d->param_types) {
      warn(r, a, seen, out,
           arena_printf(a,
                        "the rule for '%s' names arg%d, but %s:%d declares it with %d "
                        "parameter%s",
                        d->name, max, d->loc.file, d->loc.line, d->nparams,
                        d->nparams == 1 ? "" : "s"));
    }
    for (int k = 0; d->param_types && k < d->nparams && k < 32; k++) {
      TypeClass t = d->param_types[k];
      if (!(deref >> k & 1u) || (t != TY_INT && t != TY_RECORD)) continue;
      warn(r, a, seen, out,
           arena_printf(a,
                        "the rule for '%s' reaches through arg%d, but %s:%d declares that "
                        "parameter as %s, not a pointer",
                        d->name, k, d->loc.file, d->loc.line,
                        t == TY_INT ? "an integer" : "a struct"));
    }
  }
}

/* ---- Matches ---------------------------------------------------------- */

static bool ptr_eq(const void *a, const void *b) {
  return a == b;
}

static void note(Arena *a, Map *matched, const FuncRule *r) {
  if (!r) return;
  unsigned h = (unsigned)((uintptr_t)r >> 4) * 2654435761u;
  if (!map_get(matched, h, r, ptr_eq)) map_put(a, matched, h, r, (void *)r, ptr_eq);
}

void rules_note_match(Arena *a, Map *matched, const FuncRule *r) {
  note(a, matched, r);
}

bool rules_matched(const Map *matched, const FuncRule *r) {
  unsigned h = (unsigned)((uintptr_t)r >> 4) * 2654435761u;
  return map_get(matched, h, r, ptr_eq) != NULL;
}

void rules_note_matches(const RuleSet *rs, const Unit *u, Arena *a, Map *matched) {
  for (int i = 0; i < u->nfuncs; i++) {
    const Func *f = u->funcs[i];
    for (int b = 0; b < f->nblocks; b++) {
      const Block *blk = f->blocks[b];
      for (int k = 0; k < blk->nstmts; k++) {
        const Stmt *st = blk->stmts[k];
        if (st->kind != STMT_CALL) continue;
        if (st->callee)
          note(a, matched, rules_find_func(rs, st->callee));
        else
          note(a, matched, rules_find_indirect(rs, st->fnptr_path, st->fnptr_member));
      }
      if (blk->term.noreturn_callee)
        note(a, matched, rules_find_func(rs, blk->term.noreturn_callee));
    }
    /* A rule naming a function defined here matches its definition
       (intent: `permanent`, `leaves locked`). */
    note(a, matched, rules_find_exact(rs, f->name));
  }
}
