/*
 * engine_sites.c - paths no call site takes.
 *
 * Preconditions (read_cell) join what every caller passes, one parameter
 * at a time: callers passing (NULL, 1) and (key, 0) make the first
 * parameter "anything" and the second "0 or 1", so a path needing both a
 * key and the flag looks possible. When a function's call sites are all
 * known and few, the engine also keeps each site's facts as one tuple: a
 * path whose facts on the values the caller passed agree with no tuple is
 * one no caller takes, and is dropped at the branch that made it so.
 *
 * Only the values the parameters held on entry count (their Origin is the
 * bare parameter); a parameter assigned to later is a new value the
 * tuples say nothing about. The parameters stay live to the end, so what
 * an early test learned of one (`if (dst)`) is still there when a later
 * test on another (`if (count_only)`) needs it.
 */
#include "engine_int.h"

/* v may lie in what the site passes. */
static bool val_agrees(const Val *v, const ArgFact *a) {
  if (v->kind == VK_ADDR) return a->hi != 0 || a->lo != 0; /* an address is never NULL */
  Val t = *v;
  if (!val_refine(&t, CMP_GE, a->lo) || !val_refine(&t, CMP_LE, a->hi)) return false;
  return !a->nonzero || val_refine(&t, CMP_NE, 0);
}

bool sites_agree(Ctx *x, const State *s) {
  if (!x->sites || x->nsites == 0) return true;
  /* The entry value of each parameter a site speaks of, if still known. */
  int entry[CALL_FACT_ARGS];
  int n = x->f->nparams < CALL_FACT_ARGS ? x->f->nparams : CALL_FACT_ARGS;
  bool any = false;
  for (int i = 0; i < n; i++)
    entry[i] = -1;
  for (int v = 0; v < s->nvals; v++) {
    const Origin *o = s->vals[v].origin;
    if (o && o->nsteps == 0 && o->arg >= 0 && o->arg < n && s->vals[v].kind != VK_CMP) {
      entry[o->arg] = v;
      any = true;
    }
  }
  if (!any) return true;
  for (int k = 0; k < x->nsites; k++) {
    const CallFacts *cf = x->sites[k];
    bool ok = true;
    for (int i = 0; i < n && i < cf->nargs && ok; i++)
      ok = entry[i] < 0 || val_agrees(&s->vals[entry[i]], &cf->args[i]);
    if (ok) return true;
  }
  return false;
}

void sites_keep_params(Ctx *x) {
  for (int i = 0; i < x->f->nparams && i < CALL_FACT_ARGS; i++)
    x->always_live[i / 64] |= 1ull << (i % 64);
}
