/*
 * attrs.c - a unit's ownership attributes as text, and the rule set's
 * digest.
 *
 * Ownership attributes in any unit add rules for the whole run, so a run
 * that takes most units from the cache must still rebuild the rules those
 * units contributed. The entry keeps each attributed declaration:
 *
 *   attr NAME FILE LINE COL
 *   own KIND MODULE ARG,ARG...      (one per attribute; "-": no arguments)
 *
 * and cache_attrs_apply hands them to rules_add_ownership_attrs as a unit
 * of declarations only, so the rules come out as parsing would make them.
 */
#include "cache_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cache_attrs_write(const Unit *u, Buf *out, Arena *a) {
  for (int i = 0; i < u->ndecls; i++) {
    const FuncDecl *fd = u->decls[i];
    if (!fd->nattrs) continue;
    buf_puts(a, out, "attr ");
    tok_put(a, out, fd->name);
    buf_putc(a, out, ' ');
    tok_put(a, out, fd->loc.file);
    buf_printf(a, out, " %d %d\n", fd->loc.line, fd->loc.col);
    for (int k = 0; k < fd->nattrs; k++) {
      const OwnershipAttr *at = &fd->attrs[k];
      buf_printf(a, out, "own %d ", (int)at->kind);
      tok_put(a, out, at->module);
      buf_putc(a, out, ' ');
      if (!at->nargs) buf_putc(a, out, '-');
      for (int j = 0; j < at->nargs; j++)
        buf_printf(a, out, "%s%d", j ? "," : "", at->args[j]);
      buf_putc(a, out, '\n');
    }
  }
}

int cache_attrs_apply(RuleSet *rs, const char *path, const char *text) {
  if (!*text) return 0;
  Unit *u = unit_new(path);
  Arena *a = &u->arena;
  Vec decls = {0}, attrs = {0};
  FuncDecl *fd = NULL;
  bool ok = true;
  char *copy = arena_strdup(a, text), *save = NULL;
  for (char *line = strtok_r(copy, "\n", &save); ok && line; line = strtok_r(NULL, "\n", &save)) {
    char *t[6];
    int n = tok_split(line, t, 6);
    if (n == 5 && strcmp(t[0], "attr") == 0) {
      if (fd) {
        fd->nattrs = attrs.len;
        fd->attrs = vec_items(a, &attrs, sizeof(OwnershipAttr));
      }
      fd = ARENA_NEW(a, FuncDecl);
      fd->name = tok_get(a, t[1], &ok);
      fd->loc = (Loc){tok_get(a, t[2], &ok), atoi(t[3]), atoi(t[4])};
      ok = ok && fd->name;
      attrs = (Vec){0};
      vec_push(a, &decls, fd);
    } else if (n == 4 && strcmp(t[0], "own") == 0 && fd) {
      OwnershipAttr *at = ARENA_NEW(a, OwnershipAttr);
      at->kind = (OwnershipKind)atoi(t[1]);
      at->module = tok_get(a, t[2], &ok);
      Vec args = {0};
      for (char *s = strtok(t[3], ","); s && strcmp(s, "-") != 0; s = strtok(NULL, ",")) {
        int *v = ARENA_NEW(a, int);
        *v = atoi(s);
        vec_push(a, &args, v);
      }
      at->nargs = args.len;
      at->args = vec_items(a, &args, sizeof(int));
      vec_push(a, &attrs, at);
    } else {
      ok = false;
    }
  }
  if (fd) {
    fd->nattrs = attrs.len;
    fd->attrs = vec_items(a, &attrs, sizeof(OwnershipAttr));
  }
  if (ok) {
    u->decls = (FuncDecl **)decls.data;
    u->ndecls = decls.len;
    rules_add_ownership_attrs(rs, u);
  }
  unit_delete(u);
  return ok ? 0 : -1;
}

Digest cache_rules_digest(const RuleSet *rs) {
  Arena a;
  arena_init(&a);
  Buf b = {0};
  rules_list(rs, &a, &b);
  Digest d = digest_str(buf_str(&a, &b));
  arena_free(&a);
  return d;
}
