/*
 * rules_join.c - one rule for a call that may reach any of several
 * functions: a call through a function pointer whose possible targets are
 * all known.
 *
 * The join is what holds whichever target runs, so it never claims more
 * than every target does:
 *   - a release every target makes (same family, same place) is a release;
 *     one that only some make is partial (callers stay conservative but
 *     still learn the family);
 *   - an acquisition is kept only when every target makes the same one;
 *   - an argument escapes if any target lets it escape, or moves or stores
 *     it (transfers and stores are not joined); it is borrowed only when
 *     every target borrows it or names it in a release or acquisition;
 *   - the returned value is known when every target's is (a constant or a
 *     range), as the smallest interval holding them all.
 */
#include "rules.h"

#include <string.h>

static bool mentions(const FuncRule *r, int i) {
  for (int k = 0; k < r->nreleases; k++)
    if (r->releases[k].target.arg == i) return true;
  for (int k = 0; k < r->nacquires; k++)
    if (r->acquires[k].target.arg == i) return true;
  return false;
}

static bool moves_or_stores(const FuncRule *r, int i) {
  for (int k = 0; k < r->ntransfers; k++)
    if (r->transfers[k].from.arg == i) return true;
  for (int k = 0; k < r->nstores; k++)
    if (r->stores[k].what.arg == i) return true;
  return false;
}

static bool escapes(const FuncRule *r, int i) {
  if (i < 32 && ((r->escape_mask | r->escape_deref_mask) >> i & 1)) return true;
  if (moves_or_stores(r, i)) return true;
  return !rules_borrows_arg(r, i) && !mentions(r, i);
}

static bool same_cond(const SuccessCond *a, const SuccessCond *b) {
  if (a->always || b->always) return a->always == b->always;
  return a->op == b->op && a->value == b->value && a->on_target == b->on_target;
}

static const Release *find_release(const FuncRule *r, const Release *rel) {
  for (int k = 0; k < r->nreleases; k++)
    if (strcmp(r->releases[k].family, rel->family) == 0 &&
        target_equal(&r->releases[k].target, &rel->target))
      return &r->releases[k];
  return NULL;
}

static bool has_acquire(const FuncRule *r, const Acquire *a) {
  for (int k = 0; k < r->nacquires; k++)
    if (r->acquires[k].kind == a->kind && target_equal(&r->acquires[k].target, &a->target) &&
        same_cond(&r->acquires[k].when, &a->when))
      return true;
  return false;
}

/* What is known of the returned value when every target says: one
   constant, or the interval spanning the targets' constants and ranges (a
   handler table whose entries return 0 or -1). */
static void join_returns(FuncRule *j, const FuncRule *const *rs, int n) {
  long lo = 0, hi = 0;
  for (int t = 0; t < n; t++) {
    const FuncRule *r = rs[t];
    if (!r->ret_fixed && !r->ret_range) return;
    long l = r->ret_fixed ? r->ret_value : r->ret_lo, h = r->ret_fixed ? r->ret_value : r->ret_hi;
    if (t == 0 || l < lo) lo = l;
    if (t == 0 || h > hi) hi = h;
  }
  if (lo == hi) {
    j->ret_fixed = true;
    j->ret_value = lo;
  } else {
    j->ret_range = true;
    j->ret_lo = lo;
    j->ret_hi = hi;
  }
}

FuncRule *rules_join(Arena *a, const char *name, const FuncRule *const *rs, int n) {
  FuncRule *j = ARENA_NEW(a, FuncRule);
  j->name = name;
  j->pack = "join";
  j->loc = rs[0]->loc;
  j->borrow_all = true;
  for (int t = 0; t < n; t++) {
    j->from_summary |= rs[t]->from_summary;
    j->borrow_all &= rs[t]->borrow_all;
  }
  for (int i = 0; i < 32; i++) {
    bool esc = false;
    for (int t = 0; t < n && !esc; t++)
      esc = escapes(rs[t], i);
    if (esc)
      j->escape_mask |= 1u << i;
    else
      j->borrow_mask |= 1u << i;
  }

  /* Releases: every distinct (family, target) of any target. */
  Vec rels = {0};
  for (int t = 0; t < n; t++)
    for (int k = 0; k < rs[t]->nreleases; k++) {
      const Release *r = &rs[t]->releases[k];
      bool seen = false;
      for (int m = 0; m < rels.len && !seen; m++) {
        const Release *q = rels.data[m];
        seen = strcmp(q->family, r->family) == 0 && target_equal(&q->target, &r->target);
      }
      if (seen) continue;
      Release *c = ARENA_NEW(a, Release);
      *c = *r;
      for (int u = 0; u < n && !c->partial; u++) {
        const Release *o = find_release(rs[u], r);
        c->partial = !o || o->partial;
      }
      vec_push(a, &rels, c);
    }
  j->nreleases = rels.len;
  j->releases = vec_items(a, &rels, sizeof(Release));

  Vec acqs = {0};
  for (int k = 0; k < rs[0]->nacquires; k++) {
    bool all = true;
    for (int t = 1; t < n && all; t++)
      all = has_acquire(rs[t], &rs[0]->acquires[k]);
    if (all) vec_push(a, &acqs, &rs[0]->acquires[k]);
  }
  j->nacquires = acqs.len;
  j->acquires = vec_items(a, &acqs, sizeof(Acquire));
  join_returns(j, rs, n);
  return j;
}
