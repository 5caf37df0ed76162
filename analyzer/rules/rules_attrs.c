/*
 * rules_attrs.c - function rules from clang's ownership attributes.
 *
 * Code that declares
 *
 *   void *pool_get(struct pool *) __attribute__((ownership_returns(pool)));
 *   void pool_put(struct pool *, void *) __attribute__((ownership_takes(pool, 2)));
 *
 * has written its own rules. Each attribute's module becomes a resource kind
 * and family named after it, so pool_put releasing a pointer from malloc is
 * a mismatch, as the clang static analyzer sees it. The module "malloc" is
 * the C heap: it maps to the "heap" family that free() releases.
 *
 * Rule files win: a function they name keeps its written rule.
 */
#include "rules_int.h"

#include <string.h>

/* The kind for a module: one the set (or this draft) already has under the
   module's name or family, else a new one in pack "attrs". */
static const ResKind *module_kind(RuleSet *rs, RuleDraft *d, Arena *scratch, const char *module,
                                  Loc loc) {
  bool heap = strcmp(module, "malloc") == 0;
  const char *family = heap ? "heap" : module;
  const ResKind *k = rules_draft_kind(rs, d, module);
  if (!k) k = rules_draft_kind(rs, d, family);
  if (k) return k;
  Arena *a = &rs->arena;
  ResKind *nk = ARENA_NEW(a, ResKind);
  nk->id = arena_strdup(a, family);
  nk->family = nk->id;
  nk->pack = "attrs";
  nk->loc = loc;
  if (heap) {
    nk->desc = "heap memory";
    nk->cwe = 401;
    nk->leak_rule = "connlint-memory-leak";
    nk->help = "Free the memory with free() on every path, including early returns and error "
               "branches.";
  } else {
    nk->desc = arena_printf(a, "%s resource", family);
    nk->cwe = 772;
    nk->leak_rule = arena_printf(a, "connlint-%s-leak", family);
    nk->help = arena_printf(a,
                            "Release it on every path with a function declared "
                            "__attribute__((ownership_takes(%s, ...))).",
                            family);
  }
  vec_push(scratch, &d->kinds, nk);
  return nk;
}

static FuncRule *rule_from_decl(RuleSet *rs, RuleDraft *d, Arena *scratch, const FuncDecl *fd,
                                const char *file) {
  Arena *a = &rs->arena;
  Loc loc = {file, fd->loc.line, fd->loc.col};
  Vec acq = {0}, rel = {0};
  unsigned escape = 0;
  for (int i = 0; i < fd->nattrs; i++) {
    const OwnershipAttr *at = &fd->attrs[i];
    if (at->kind == OWN_NONE || !at->module) continue;
    const ResKind *k = module_kind(rs, d, scratch, at->module, loc);
    if (at->kind == OWN_RETURNS) {
      Acquire *q = ARENA_NEW(scratch, Acquire);
      q->kind = k;
      q->target.arg = TARGET_RET;
      q->when = (SuccessCond){.op = CMP_NE, .value = 0, .is_null = true};
      vec_push(scratch, &acq, q);
      continue;
    }
    for (int j = 0; j < at->nargs; j++) {
      int arg = at->args[j];
      if (arg < 0 || arg >= 32) continue;
      if (at->kind == OWN_HOLDS) {
        escape |= 1u << arg;
      } else {
        Release *r = ARENA_NEW(scratch, Release);
        r->family = k->family;
        r->target.arg = arg;
        vec_push(scratch, &rel, r);
      }
    }
  }
  if (!acq.len && !rel.len && !escape) return NULL;

  FuncRule *r = ARENA_NEW(a, FuncRule);
  r->name = arena_strdup(a, fd->name);
  r->pack = "attrs";
  r->loc = loc;
  r->escape_mask = escape;
  r->nacquires = acq.len;
  r->acquires = vec_items(a, &acq, sizeof(Acquire));
  r->nreleases = rel.len;
  r->releases = vec_items(a, &rel, sizeof(Release));
  return r;
}

void rules_add_ownership_attrs(RuleSet *rs, const Unit *u) {
  Arena scratch;
  arena_init(&scratch);
  RuleDraft d = {0};
  const char *file = NULL; /* copied once: Loc.file must outlive the unit */
  for (int i = 0; i < u->ndecls; i++) {
    const FuncDecl *fd = u->decls[i];
    if (!fd->nattrs || rules_find_exact(rs, fd->name)) continue;
    bool dup = false;
    for (int j = 0; j < d.funcs.len && !dup; j++)
      dup = strcmp(((FuncRule *)d.funcs.data[j])->name, fd->name) == 0;
    if (dup) continue;
    const char *f = fd->loc.file ? fd->loc.file : "";
    if (!file || strcmp(file, f) != 0) file = arena_strdup(&rs->arena, f);
    FuncRule *r = rule_from_decl(rs, &d, &scratch, fd, file);
    if (r) vec_push(&scratch, &d.funcs, r);
  }
  if (d.kinds.len || d.funcs.len) rules_commit(rs, &d);
  arena_free(&scratch);
  /* Most units add nothing new: no need to sort again then. */
  if (!rs->sorted) rules_finish(rs);
}
