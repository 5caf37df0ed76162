/*
 * rules_list.c - prints rules back in the rule language (--list-rules).
 *
 * A function rule prints as the clauses that would define it, so a user can
 * copy a line of `connlint --list-rules` into a rule file to override it.
 */
#include "rules_int.h"

#include <stdlib.h>
#include <string.h>

bool target_equal(const Target *a, const Target *b) {
  if (a->arg != b->arg || a->nsteps != b->nsteps) return false;
  for (int i = 0; i < a->nsteps; i++) {
    const TargetStep *x = &a->steps[i], *y = &b->steps[i];
    if (x->kind != y->kind) return false;
    if (x->kind == STEP_INDEX && x->index != y->index) return false;
    if (x->kind == STEP_FIELD && strcmp(x->field, y->field) != 0) return false;
  }
  return true;
}

/* Rebuilds C-like syntax: a '*' prefix needs parentheses before a postfix
   step, and DEREF then FIELD is spelled "->". */
void target_print(Arena *a, Buf *out, const Target *t) {
  const char *s = t->arg == TARGET_RET ? "ret" : arena_printf(a, "arg%d", t->arg);
  bool prefixed = false;
  for (int i = 0; i < t->nsteps; i++) {
    const TargetStep *st = &t->steps[i];
    bool arrow = st->kind == STEP_DEREF && i + 1 < t->nsteps && t->steps[i + 1].kind == STEP_FIELD;
    if (st->kind == STEP_DEREF && !arrow) {
      s = arena_printf(a, "*%s", s);
      prefixed = true;
      continue;
    }
    if (prefixed) s = arena_printf(a, "(%s)", s);
    prefixed = false;
    if (arrow)
      s = arena_printf(a, "%s->%s", s, t->steps[++i].field);
    else if (st->kind == STEP_FIELD)
      s = arena_printf(a, "%s.%s", s, st->field);
    else
      s = arena_printf(a, "%s[%ld]", s, st->index);
  }
  buf_puts(a, out, s);
}

void cond_print(Arena *a, Buf *out, const SuccessCond *c) {
  if (c->always)
    buf_puts(a, out, "always");
  else if (c->is_null)
    buf_printf(a, out, "when ret %s NULL", cmp_op_str(c->op));
  else
    buf_printf(a, out, "when ret %s %ld", cmp_op_str(c->op), c->value);
}

static bool cond_equal(const SuccessCond *x, const SuccessCond *y) {
  return x->always == y->always &&
         (x->always || (x->op == y->op && x->value == y->value && x->is_null == y->is_null));
}

static bool is_bare_ret(const Target *t) {
  return t->arg == TARGET_RET && t->nsteps == 0;
}

static void print_args(Arena *a, Buf *out, unsigned mask) {
  const char *sep = "";
  for (int i = 0; i < 32; i++) {
    if ((mask >> i) & 1u) {
      buf_printf(a, out, "%sarg%d", sep, i);
      sep = ", ";
    }
  }
}

void funcrule_print(Arena *a, Buf *out, const FuncRule *r) {
  const char *sep = "";
  /* Consecutive acquires of one kind under one condition were one clause. */
  for (int i = 0; i < r->nacquires;) {
    const Acquire *q = &r->acquires[i];
    buf_puts(a, out, sep);
    sep = "; ";
    if (is_bare_ret(&q->target)) {
      buf_printf(a, out, "returns %s ", q->kind->id);
      i++;
    } else {
      buf_printf(a, out, "acquires %s at ", q->kind->id);
      int j = i;
      for (; j < r->nacquires && r->acquires[j].kind == q->kind &&
             cond_equal(&r->acquires[j].when, &q->when) && !is_bare_ret(&r->acquires[j].target);
           j++) {
        if (j > i) buf_puts(a, out, ", ");
        target_print(a, out, &r->acquires[j].target);
      }
      buf_putc(a, out, ' ');
      i = j;
    }
    cond_print(a, out, &q->when);
  }
  for (int i = 0; i < r->nreleases;) {
    const Release *rel = &r->releases[i];
    buf_printf(a, out, "%sreleases %s at ", sep, rel->family);
    sep = "; ";
    int j = i;
    for (; j < r->nreleases && strcmp(r->releases[j].family, rel->family) == 0 &&
           r->releases[j].conditional == rel->conditional &&
           (!rel->conditional || cond_equal(&r->releases[j].when, &rel->when));
         j++) {
      if (j > i) buf_puts(a, out, ", ");
      target_print(a, out, &r->releases[j].target);
    }
    if (rel->conditional) {
      buf_putc(a, out, ' ');
      cond_print(a, out, &rel->when);
    }
    i = j;
  }
  for (int i = 0; i < r->ntransfers; i++) {
    buf_printf(a, out, "%smoves ", sep);
    sep = "; ";
    target_print(a, out, &r->transfers[i].from);
    buf_puts(a, out, " into ");
    target_print(a, out, &r->acquires[r->transfers[i].to].target);
    if (r->transfers[i].forget_on_failure) buf_puts(a, out, " else forgets");
  }
  for (int i = 0; i < r->nstores; i++) {
    buf_printf(a, out, "%sstores ", sep);
    sep = "; ";
    target_print(a, out, &r->stores[i].what);
    buf_printf(a, out, " in arg%d", r->stores[i].in);
    if (r->stores[i].nif) buf_printf(a, out, " when arg%d in (", r->stores[i].if_arg);
    for (int k = 0; k < r->stores[i].nif; k++)
      buf_printf(a, out, "%s%ld", k ? ", " : "", r->stores[i].if_vals[k]);
    if (r->stores[i].nif) buf_putc(a, out, ')');
  }
  if (r->borrow_all || r->borrow_mask) {
    buf_printf(a, out, "%sborrows ", sep);
    sep = "; ";
    if (r->borrow_all)
      buf_puts(a, out, "all");
    else
      print_args(a, out, r->borrow_mask);
  }
  if (r->escape_mask) {
    buf_printf(a, out, "%sescapes ", sep);
    sep = "; ";
    print_args(a, out, r->escape_mask);
  }
  if (r->hands_back) {
    buf_printf(a, out, "%shands back arg%d%s", sep, r->hands_back_arg,
               r->hands_back_in_place ? " in place" : "");
    sep = "; ";
  }
  if (r->ref_mask) {
    buf_printf(a, out, "%srefs ", sep);
    sep = "; ";
    print_args(a, out, r->ref_mask);
  }
  if (r->owns_elements) {
    buf_printf(a, out, "%sowns elements", sep);
    if (r->owns_if_arg >= 0) buf_printf(a, out, " if arg%d", r->owns_if_arg);
    sep = "; ";
  }
  if (r->permanent) {
    buf_printf(a, out, "%spermanent", sep);
    sep = "; ";
  }
  if (r->leaves_locked) {
    buf_printf(a, out, "%sleaves locked", sep);
    sep = "; ";
  }
  if (r->returns_arg) {
    buf_printf(a, out, "%sreturns arg%d", sep, r->returns_arg - 1);
    sep = "; ";
  }
  if (r->returns_into) {
    buf_printf(a, out, "%sreturns into arg%d", sep, r->returns_into - 1);
    sep = "; ";
  }
  if (r->ret_when) {
    buf_printf(a, out, "%sreturns %ld when arg%d in (", sep, r->ret_when_value, r->ret_when_arg);
    for (int i = 0; i < r->ret_when_n; i++)
      buf_printf(a, out, "%s%ld", i ? ", " : "", r->ret_when_vals[i]);
    buf_printf(a, out, ")");
    sep = "; ";
  }
  if (r->ret_range) {
    buf_printf(a, out, "%sreturns one of (%ld, %ld)", sep, r->ret_lo, r->ret_hi);
    sep = "; ";
  }
  if (r->noreturn) {
    buf_printf(a, out, "%snoreturn", sep);
    sep = "; ";
  }
  if (r->has_set) {
    buf_printf(a, out, "%ssets ", sep);
    sep = "; ";
    target_print(a, out, &r->set_dst);
    buf_printf(a, out, " to arg%d", r->set_src);
  }
  if (r->has_unless) {
    buf_printf(a, out, "%sunless ", sep);
    sep = "; ";
    target_print(a, out, &r->unless_at);
    buf_printf(a, out, " %s %ld", cmp_op_str(r->unless_op), r->unless_c);
  }
  if (r->runs) {
    buf_printf(a, out, "%sruns arg%d", sep, r->runs_arg);
    sep = "; ";
  }
  if (r->releases_own) buf_printf(a, out, "%sreleases own %s", sep, r->releases_own);
}

/* ---- --list-rules ------------------------------------------------------- */

static int cmp_kind(const void *x, const void *y) {
  return strcmp((*(ResKind *const *)x)->id, (*(ResKind *const *)y)->id);
}

static int cmp_func(const void *x, const void *y) {
  return strcmp((*(FuncRule *const *)x)->name, (*(FuncRule *const *)y)->name);
}

static void put_quoted(Arena *a, Buf *out, const char *s) {
  buf_putc(a, out, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') buf_putc(a, out, '\\');
    if (*s == '\n')
      buf_puts(a, out, "\\n");
    else if (*s == '\t')
      buf_puts(a, out, "\\t");
    else
      buf_putc(a, out, *s);
  }
  buf_putc(a, out, '"');
}

void rules_list(const RuleSet *rs, Arena *a, Buf *out) {
  ResKind **kinds = ARENA_ARRAY(a, ResKind *, rs->nkinds + 1);
  int width = 0;
  for (int i = 0; i < rs->nkinds; i++) {
    kinds[i] = rs->kinds[i];
    int n = (int)strlen(kinds[i]->id);
    width = n > width ? n : width;
  }
  qsort(kinds, (size_t)rs->nkinds, sizeof *kinds, cmp_kind);
  for (int i = 0; i < rs->nkinds; i++) {
    const ResKind *k = kinds[i];
    buf_printf(a, out, "kind %-*s  family=%s cwe=%d leak=%s pack=%s%s%s desc=", width, k->id,
               k->family, k->cwe, k->leak_rule, k->pack, k->scoped ? " scoped" : "",
               k->permanent ? " permanent" : "");
    put_quoted(a, out, k->desc);
    buf_putc(a, out, '\n');
  }

  int n = rs->nfuncs + rs->npatterns;
  FuncRule **funcs = ARENA_ARRAY(a, FuncRule *, n + 1);
  if (rs->nfuncs) memcpy(funcs, rs->funcs, sizeof(FuncRule *) * (size_t)rs->nfuncs);
  if (rs->npatterns)
    memcpy(funcs + rs->nfuncs, rs->patterns, sizeof(FuncRule *) * (size_t)rs->npatterns);
  qsort(funcs, (size_t)n, sizeof *funcs, cmp_func);
  width = 0;
  for (int i = 0; i < n; i++) {
    int len = (int)strlen(funcs[i]->name);
    width = len > width ? len : width;
  }
  for (int i = 0; i < n; i++) {
    buf_printf(a, out, "func %-*s  pack=%s  ", width, funcs[i]->name, funcs[i]->pack);
    funcrule_print(a, out, funcs[i]);
    buf_putc(a, out, '\n');
  }
}
