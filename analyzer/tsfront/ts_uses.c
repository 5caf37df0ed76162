/*
 * ts_uses.c - how a unit uses its file-scope variables and functions, read
 * from the syntax tree (the tree-sitter front end's counterpart of the
 * libclang front end's uses.c).
 *
 * The same facts: which file-scope variables the file defines with a
 * literal initial value (or none: zero), which names it assigns,
 * increments or takes the address of, and for each function its direct
 * calls and its other references. Without types, a name is taken at its
 * word: a local that shadows a global and is written counts as a write of
 * the global, which only makes fewer variables fixed.
 */
#include "tsfront_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct TsUses {
  TsUnit *t;
  Vec globals, written;
  Map seen;
} TsUses;

static TSNode strip_parens(TSNode n) {
  while (ts_is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1)
    n = ts_node_named_child(n, 0);
  return n;
}

static void note_written(TsUses *w, TSNode target) {
  target = strip_parens(target);
  if (!ts_is(target, "identifier")) return;
  const char *name = ts_text(w->t, w->t->src, target);
  unsigned h = str_hash(name);
  if (map_get(&w->seen, h, name, str_eq)) return;
  map_put(w->t->a, &w->seen, h, name, (void *)name, str_eq);
  vec_push(w->t->a, &w->written, (void *)name);
}

/* A file-scope `[static] [const] T name [= literal];`. */
static void note_global(TsUses *w, TSNode decl) {
  bool is_static = false, is_const = false;
  uint32_t n = ts_node_named_child_count(decl);
  for (uint32_t i = 0; i < n; i++) {
    TSNode k = ts_node_named_child(decl, i);
    const char *txt = ts_text(w->t, w->t->src, k);
    if (ts_is(k, "storage_class_specifier") && strcmp(txt, "static") == 0) is_static = true;
    if (ts_is(k, "storage_class_specifier") && strcmp(txt, "extern") == 0) return;
    if (ts_is(k, "type_qualifier") && strcmp(txt, "const") == 0) is_const = true;
    if (ts_is(k, "type_qualifier") && strcmp(txt, "volatile") == 0) return;
  }
  for (uint32_t i = 0; i < n; i++) {
    TSNode k = ts_node_named_child(decl, i);
    TSNode name = k, value = {0};
    if (ts_is(k, "init_declarator")) {
      name = ts_field(k, "declarator");
      value = ts_field(k, "value");
    }
    if (!ts_is(name, "identifier")) continue; /* arrays, functions, pointers to ... */
    GlobalVar *g = ARENA_NEW(w->t->a, GlobalVar);
    g->name = ts_text(w->t, w->t->src, name);
    g->is_static = is_static;
    g->is_const = is_const;
    if (ts_node_is_null(value)) {
      g->has_value = true;
    } else if (ts_is(value, "number_literal") || ts_is(value, "false") || ts_is(value, "true")) {
      const char *v = ts_text(w->t, w->t->src, value);
      char *end;
      long c = ts_is(value, "true") ? 1 : ts_is(value, "false") ? 0 : strtol(v, &end, 0);
      if (ts_is(value, "number_literal") && *end && !strchr("uUlL", *end)) continue;
      g->has_value = true;
      g->value = c;
    }
    vec_push(w->t->a, &w->globals, g);
  }
}

static void walk(TsUses *w, TSNode n) {
  TSTreeCursor c = ts_tree_cursor_new(n);
  for (;;) {
    TSNode k = ts_tree_cursor_current_node(&c);
    TSNode parent = ts_node_parent(k);
    if (ts_is(k, "declaration") && ts_is(parent, "translation_unit")) note_global(w, k);
    if (ts_is(k, "assignment_expression")) note_written(w, ts_field(k, "left"));
    if (ts_is(k, "update_expression")) note_written(w, ts_field(k, "argument"));
    if (ts_is(k, "pointer_expression") && ts_is(ts_node_child(k, 0), "&"))
      note_written(w, ts_field(k, "argument"));
    if (ts_is(k, "identifier") && !ts_is(parent, "function_declarator")) {
      const char *name = ts_text(w->t, w->t->src, k);
      FuncDecl *d = map_get(&w->t->decls, str_hash(name), name, str_eq);
      if (d) {
        d->nrefs++;
        if (ts_is(parent, "call_expression") &&
            ts_node_eq(strip_parens(ts_field(parent, "function")), k))
          d->ncalls++;
      }
    }
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c))
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
  }
done:
  ts_tree_cursor_delete(&c);
}

void ts_scan_uses(TsUnit *t, TSNode root) {
  TsUses w = {.t = t};
  walk(&w, root);
  Unit *u = t->u;
  u->globals = (GlobalVar **)w.globals.data;
  u->nglobals = w.globals.len;
  u->written = (const char **)w.written.data;
  u->nwritten = w.written.len;
  for (int i = 0; i < t->declv.len; i++) {
    FuncDecl *d = t->declv.data[i];
    d->addr_taken = d->nrefs > d->ncalls;
  }
  u->uses_known = true;
}
