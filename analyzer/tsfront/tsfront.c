/*
 * tsfront.c - one file through tree-sitter: parsing, the declarations at
 * file scope (functions, variables, typedefs, records, enumerations,
 * macros), the #if policy, and syntax errors as Diags.
 *
 * The top level is read in two passes: the first collects every name the
 * file declares (so a function defined below its caller is known to have a
 * body, and a typedef below its use still names a pointer), the second
 * lowers each function definition (ts_stmt.c).
 */
#include "tsfront.h"

#include "tsfront_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct TsFrontend {
  TSParser *parser;
  const RuleSet *rules;
  bool parse_only;
  ArenaRegion *region; /* where new units live; NULL: the heap */
};

void tsfront_set_parse_only(TsFrontend *ts, bool on) {
  ts->parse_only = on;
}

void tsfront_set_region(TsFrontend *ts, ArenaRegion *r) {
  ts->region = r;
}

TsFrontend *tsfront_new(const RuleSet *rules) {
  TsFrontend *ts = calloc(1, sizeof *ts);
  if (!ts) return NULL;
  ts->parser = ts_parser_new();
  ts->rules = rules;
  if (!ts->parser || !ts_parser_set_language(ts->parser, tree_sitter_c())) {
    if (ts->parser) ts_parser_delete(ts->parser);
    free(ts);
    return NULL;
  }
  return ts;
}

void tsfront_delete(TsFrontend *ts) {
  if (!ts) return;
  ts_parser_delete(ts->parser);
  free(ts);
}

/* ---- Nodes and text -------------------------------------------------------- */

bool ts_is(TSNode n, const char *type) {
  return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

TSNode ts_field(TSNode n, const char *name) {
  return ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
}

void ts_iter_begin(TsIter *it, TSNode n) {
  it->c = ts_tree_cursor_new(n);
  it->state = 0;
}

bool ts_iter_next(TsIter *it, TSNode *kid, const char **field) {
  bool moved = it->state == 0   ? ts_tree_cursor_goto_first_child(&it->c)
               : it->state == 1 ? ts_tree_cursor_goto_next_sibling(&it->c)
                                : false;
  it->state = moved ? 1 : 2;
  if (!moved) return false;
  *kid = ts_tree_cursor_current_node(&it->c);
  *field = ts_tree_cursor_current_field_name(&it->c);
  return true;
}

void ts_iter_end(TsIter *it) {
  ts_tree_cursor_delete(&it->c);
}

const char *ts_text(TsUnit *t, const char *text, TSNode n) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return arena_strndup(t->a, text + s, e > s ? e - s : 0);
}

enum { TEXT_CAP = 200 };

const char *ts_text_collapsed(TsUnit *t, const char *text, TSNode n) {
  char buf[TEXT_CAP + 4];
  size_t k = 0;
  bool space = false;
  for (uint32_t i = ts_node_start_byte(n), e = ts_node_end_byte(n); i < e && k < TEXT_CAP; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '\\' && i + 1 < e && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      space = true;
      continue;
    }
    if (isspace(c)) {
      space = true;
      continue;
    }
    if (space && k > 0) buf[k++] = ' ';
    space = false;
    buf[k++] = (char)c;
  }
  if (k >= TEXT_CAP) {
    memcpy(buf + k, "...", 3);
    k += 3;
  }
  return arena_strndup(t->a, buf, k);
}

static Loc loc_at(TsUnit *t, TSNode n) {
  TSPoint p = ts_node_start_point(n);
  return (Loc){t->file, (int)p.row + 1, (int)p.column + 1};
}

/* ---- Declarations --------------------------------------------------------- */

FuncDecl *ts_decl(TsUnit *t, const char *name, Loc loc) {
  unsigned h = str_hash(name);
  FuncDecl *d = map_get(&t->decls, h, name, str_eq);
  if (d) return d;
  d = ARENA_NEW(t->a, FuncDecl);
  d->name = arena_strdup(t->a, name);
  d->loc = loc;
  d->noreturn = builtin_noreturn(name);
  map_put(t->a, &t->decls, h, d->name, d, str_eq);
  vec_push(t->a, &t->declv, d);
  return d;
}

/* The function_declarator under a declarator, if it declares a function:
   `int *f(void)` is pointer_declarator(function_declarator(f)). A pointer
   to a function, `int (*fp)(void)`, declares a variable. */
static TSNode function_declarator(TSNode d) {
  while (!ts_node_is_null(d)) {
    if (ts_is(d, "function_declarator")) {
      TSNode inner = ts_field(d, "declarator");
      return ts_is(inner, "identifier") ? d : (TSNode){0};
    }
    if (!ts_is(d, "pointer_declarator") && !ts_is(d, "attributed_declarator")) break;
    d = ts_field(d, "declarator");
    if (ts_node_is_null(d)) break;
  }
  return (TSNode){0};
}

/* noreturn as written: _Noreturn, [[noreturn]], __attribute__((noreturn)). */
static bool says_noreturn(TsUnit *t, const char *text, TSNode n) {
  uint32_t cnt = ts_node_child_count(n);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_child(n, i);
    if (ts_is(k, "attribute_specifier") || ts_is(k, "attribute_declaration") ||
        ts_is(k, "type_qualifier") || ts_is(k, "storage_class_specifier")) {
      const char *s = ts_text(t, text, k);
      if (strstr(s, "noreturn") || strstr(s, "_Noreturn")) return true;
    }
  }
  return false;
}

/* __attribute__((format(printf, ...))) as written: a printing function. */
static bool says_printf(TsUnit *t, const char *text, TSNode n) {
  uint32_t cnt = ts_node_child_count(n);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_child(n, i);
    if (!ts_is(k, "attribute_specifier")) continue;
    const char *s = ts_text(t, text, k);
    if (strstr(s, "format") && strstr(s, "printf")) return true;
  }
  return false;
}

/* `const T *name`: a pointer to const, one level deep (`const char **`
   points to a pointer the callee may change). */
static bool param_points_to_const(TsUnit *t, TSNode p) {
  TSNode d = ts_field(p, "declarator");
  if (!ts_is(d, "pointer_declarator")) return false;
  TSNode inner = ts_field(d, "declarator");
  if (ts_is(inner, "pointer_declarator") || ts_is(inner, "function_declarator") ||
      ts_is(inner, "parenthesized_declarator"))
    return false;
  uint32_t cnt = ts_node_child_count(p);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_child(p, i);
    if (ts_is(k, "type_qualifier") && strcmp(ts_text(t, t->src, k), "const") == 0) return true;
  }
  return false;
}

/* decl: the declaration or definition; declarator: its declarator that holds
   the function_declarator fd (pointer levels above it belong to the result). */
static void declare_function(TsUnit *t, TSNode decl, TSNode type, TSNode declarator, TSNode fd,
                             bool body) {
  TSNode name = ts_field(fd, "declarator");
  const char *fname = ts_text(t, t->src, name);
  FuncDecl *d = ts_decl(t, fname, loc_at(t, name));
  if (body) {
    d->has_body = true;
    d->loc = loc_at(t, name);
  }
  if (says_noreturn(t, t->src, decl) || says_noreturn(t, t->src, fd)) d->noreturn = true;
  if (says_printf(t, t->src, decl) || says_printf(t, t->src, fd)) d->printf_like = true;
  TSNode params = ts_field(fd, "parameters");
  int n = 0;
  uint32_t cnt = ts_node_named_child_count(params);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode p = ts_node_named_child(params, i);
    if (ts_is(p, "variadic_parameter")) {
      d->variadic = true;
    } else if (ts_is(p, "parameter_declaration")) {
      TSNode pt = ts_field(p, "type");
      bool is_void = ts_node_is_null(ts_field(p, "declarator")) && ts_is(pt, "primitive_type") &&
                     strcmp(ts_text(t, t->src, pt), "void") == 0;
      if (!is_void && n < 32 && param_points_to_const(t, p)) d->const_params |= 1u << n;
      if (!is_void) n++;
    }
  }
  d->nparams = n;
  TypeInfo rt = ts_return_type(t, t->src, type, declarator);
  if (!map_get(&t->ret_types, str_hash(fname), fname, str_eq)) {
    TypeInfo *p = ARENA_NEW(t->a, TypeInfo);
    *p = rt;
    map_put(t->a, &t->ret_types, str_hash(d->name), d->name, p, str_eq);
  }
}

static void declare_variable(TsUnit *t, TSNode type, TSNode decl) {
  const char *name = NULL;
  TypeInfo ty = ts_declared_type(t, t->src, type, decl, &name);
  if (!name) return;
  TypeInfo *p = ARENA_NEW(t->a, TypeInfo);
  *p = ty;
  map_put(t->a, &t->globals, str_hash(name), name, p, str_eq);
}

static void read_declaration(TsUnit *t, TSNode n) {
  TSNode type = ts_field(n, "type");
  TsIter it;
  ts_iter_begin(&it, n);
  TSNode kid;
  const char *fname;
  while (ts_iter_next(&it, &kid, &fname)) {
    if (!fname || strcmp(fname, "declarator") != 0) continue;
    TSNode d = kid;
    TSNode inner = ts_is(d, "init_declarator") ? ts_field(d, "declarator") : d;
    TSNode fd = function_declarator(inner);
    if (!ts_node_is_null(fd))
      declare_function(t, n, type, inner, fd, false);
    else
      declare_variable(t, type, inner);
  }
  ts_iter_end(&it);
}

/* ---- Macros --------------------------------------------------------------- */

static const char *macro_body(TsUnit *t, TSNode value) {
  if (ts_node_is_null(value)) return "";
  const char *s = ts_text(t, t->src, value);
  /* Drop line continuations; the body is one logical line. */
  char *o = (char *)s;
  for (const char *p = s; *p; p++) {
    if (p[0] == '\\' && (p[1] == '\n' || p[1] == '\r')) {
      *o++ = ' ';
      p++;
      if (p[0] == '\r' && p[1] == '\n') p++;
      continue;
    }
    *o++ = *p;
  }
  *o = 0;
  return s;
}

static void read_macro(TsUnit *t, TSNode n, bool function_like) {
  TSNode name = ts_field(n, "name");
  if (ts_node_is_null(name)) return;
  Macro *m = ARENA_NEW(t->a, Macro);
  m->name = ts_text(t, t->src, name);
  m->function_like = function_like;
  m->loc = loc_at(t, name);
  m->body = macro_body(t, ts_field(n, "value"));
  if (function_like) {
    TSNode ps = ts_field(n, "parameters");
    uint32_t cnt = ts_node_child_count(ps);
    Vec names = {0};
    for (uint32_t i = 0; i < cnt; i++) {
      TSNode p = ts_node_child(ps, i);
      if (ts_is(p, "identifier"))
        vec_push(t->a, &names, (void *)ts_text(t, t->src, p));
      else if (ts_is(p, "..."))
        m->variadic = true;
    }
    m->nparams = names.len;
    m->params = (const char **)names.data;
  }
  unsigned h = str_hash(m->name);
  if (!map_get(&t->macros, h, m->name, str_eq)) map_put(t->a, &t->macros, h, m->name, m, str_eq);
}

/* ---- The #if policy ------------------------------------------------------- */

/* `#if 0` (or `#if false`): nothing in the first side runs. */
static bool is_if_zero(TsUnit *t, const char *text, TSNode n) {
  if (!ts_is(n, "preproc_if")) return false;
  TSNode c = ts_field(n, "condition");
  if (ts_is(c, "number_literal")) return strtol(ts_text(t, text, c), NULL, 0) == 0;
  return ts_is(c, "false");
}

void ts_preproc_taken(TsUnit *t, const char *text, TSNode n, void (*fn)(void *, TSNode),
                      void *arg) {
  TSNode alt = ts_field(n, "alternative");
  if (is_if_zero(t, text, n)) {
    /* The #else (or #elif) side: an #elif is itself a conditional. */
    if (ts_is(alt, "preproc_else")) {
      uint32_t cnt = ts_node_named_child_count(alt);
      for (uint32_t i = 0; i < cnt; i++)
        fn(arg, ts_node_named_child(alt, i));
    } else if (!ts_node_is_null(alt)) {
      ts_preproc_taken(t, text, alt, fn, arg);
    }
    return;
  }
  TsIter it;
  ts_iter_begin(&it, n);
  TSNode kid;
  const char *f;
  while (ts_iter_next(&it, &kid, &f)) {
    if (f &&
        (strcmp(f, "condition") == 0 || strcmp(f, "alternative") == 0 || strcmp(f, "name") == 0))
      continue;
    TSNode k = kid;
    if (ts_node_is_named(k)) fn(arg, k);
  }
  ts_iter_end(&it);
}

/* ---- The top level --------------------------------------------------------- */

typedef struct TopWalk {
  TsUnit *t;
  bool lower; /* second pass: lower function definitions */
  Vec funcs;  /* Func * */
  int depth;  /* of #if and extern "C" nesting */
} TopWalk;

static void top_node(void *arg, TSNode n);

static void top_children(TopWalk *w, TSNode n) {
  uint32_t cnt = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < cnt; i++)
    top_node(w, ts_node_named_child(n, i));
}

static void top_node(void *arg, TSNode n) {
  TopWalk *w = arg;
  TsUnit *t = w->t;
  const char *type = ts_node_type(n);
  if (w->depth >= MAX_NESTING) {
    if (!t->too_deep.line) t->too_deep = loc_at(t, n);
    return;
  }
  w->depth++;
  if (strcmp(type, "function_definition") == 0) {
    TSNode fd = function_declarator(ts_field(n, "declarator"));
    if (ts_node_is_null(fd)) {
      /* K&R or a macro-made declarator: nothing this front end reads */
    } else if (!w->lower) {
      declare_function(t, n, ts_field(n, "type"), ts_field(n, "declarator"), fd, true);
    } else {
      Func *f = ts_function(t, n);
      if (f) vec_push(t->a, &w->funcs, f);
    }
  } else if (w->lower) {
    if (strcmp(type, "preproc_if") == 0 || strcmp(type, "preproc_ifdef") == 0)
      ts_preproc_taken(t, t->src, n, top_node, w);
    else if (strcmp(type, "linkage_specification") == 0 || strcmp(type, "declaration_list") == 0 ||
             strcmp(type, "ERROR") == 0)
      top_children(w, n);
  } else if (strcmp(type, "declaration") == 0) {
    read_declaration(t, n);
    ts_types_collect(t, n);
  } else if (strcmp(type, "type_definition") == 0 || strcmp(type, "struct_specifier") == 0 ||
             strcmp(type, "union_specifier") == 0 || strcmp(type, "enum_specifier") == 0) {
    ts_types_collect(t, n);
  } else if (strcmp(type, "preproc_def") == 0) {
    read_macro(t, n, false);
  } else if (strcmp(type, "preproc_function_def") == 0) {
    read_macro(t, n, true);
  } else if (strcmp(type, "preproc_if") == 0 || strcmp(type, "preproc_ifdef") == 0) {
    ts_preproc_taken(t, t->src, n, top_node, w);
  } else if (strcmp(type, "linkage_specification") == 0 || strcmp(type, "declaration_list") == 0 ||
             strcmp(type, "ERROR") == 0) {
    top_children(w, n);
  }
  w->depth--;
}

/* ---- Syntax errors ---------------------------------------------------------- */

enum { MAX_SYNTAX_DIAGS = 20 };

static void add_diag(TsUnit *t, Vec *diags, DiagLevel level, Loc loc, const char *msg) {
  Diag *d = ARENA_NEW(t->a, Diag);
  d->level = level;
  d->loc = loc;
  d->msg = msg;
  vec_push(t->a, diags, d);
}

/* Every ERROR and MISSING node, outermost only, iteratively (the tree of a
   pathological file is deep). */
static void collect_errors(TsUnit *t, TSNode root, Vec *diags) {
  if (!ts_node_has_error(root)) return;
  TSTreeCursor c = ts_tree_cursor_new(root);
  int nerr = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    bool descend = true;
    if (ts_node_is_missing(n) || ts_is(n, "ERROR")) {
      if (nerr < MAX_SYNTAX_DIAGS) {
        const char *msg =
            ts_node_is_missing(n)
                ? arena_printf(t->a, "syntax error: expected '%s' (tree-sitter)", ts_node_type(n))
                : "syntax error (tree-sitter recovered and skipped this part)";
        add_diag(t, diags, DIAG_ERROR, loc_at(t, n), msg);
      }
      nerr++;
      descend = false;
    } else if (!ts_node_has_error(n)) {
      descend = false;
    }
    if (descend && ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c))
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
  }
done:
  ts_tree_cursor_delete(&c);
  if (nerr > MAX_SYNTAX_DIAGS)
    add_diag(t, diags, DIAG_NOTE, (Loc){t->file, 0, 0},
             arena_printf(t->a, "%d more syntax errors not shown", nerr - MAX_SYNTAX_DIAGS));
}

/* ---- Units ------------------------------------------------------------------ */

static Unit *parse_text(TsFrontend *ts, const char *name, const char *code, size_t len) {
  Unit *u = ts->region ? unit_new_in(name, ts->region) : unit_new(name);
  TsUnit t = {.u = u, .a = &u->arena, .rules = ts->rules, .parser = ts->parser};
  t.file = unit_intern_file(u, name);
  char *src = arena_strndup(t.a, code, len);
  t.src = src;
  t.len = (uint32_t)len;
  TSTree *tree = ts_parser_parse_string(ts->parser, NULL, src, t.len);
  if (!tree) {
    u->fatal = true;
    return u;
  }
  TSNode root = ts_tree_root_node(tree);
  TopWalk w = {.t = &t};
  if (!ts->parse_only) {
    top_children(&w, root);
    ts_scan_fnptrs(&t, root);
    w.lower = true;
    top_children(&w, root);
    ts_scan_uses(&t, root);
  }
  /* Lowering macro expansions used the parser: the tree stays valid. */
  Vec diags = {0};
  collect_errors(&t, root, &diags);
  if (t.too_deep.line)
    add_diag(&t, &diags, DIAG_WARNING, t.too_deep,
             arena_printf(t.a,
                          "nested more than %d levels deep: what is nested deeper was not "
                          "analyzed",
                          MAX_NESTING));
  ts_tree_delete(tree);

  /* A Vec's array lives in the unit's arena: the unit can keep it. */
  u->nfuncs = w.funcs.len;
  u->funcs = (Func **)w.funcs.data;
  u->ndecls = t.declv.len;
  u->decls = (FuncDecl **)t.declv.data;
  u->ndiags = diags.len;
  u->diags = (Diag **)diags.data;
  return u;
}

Unit *tsfront_parse_string(TsFrontend *ts, const char *name, const char *code, size_t len) {
  return parse_text(ts, name, code, len);
}

Unit *tsfront_parse(TsFrontend *ts, const char *file, char *why, int whylen) {
  FILE *fp = fopen(file, "rb");
  if (!fp) {
    if (why) snprintf(why, (size_t)whylen, "cannot read %s: %s", file, strerror(errno));
    return NULL;
  }
  size_t len = 0, cap = 65536;
  char *text = malloc(cap);
  size_t n;
  while (text && (n = fread(text + len, 1, cap - len, fp)) > 0) {
    len += n;
    if (len == cap) {
      char *bigger = realloc(text, cap *= 2);
      if (!bigger) free(text);
      text = bigger;
    }
  }
  bool bad = !text || ferror(fp);
  fclose(fp);
  if (bad) {
    if (why)
      snprintf(why, (size_t)whylen, "cannot read %s: %s", file,
               text ? strerror(errno) : "out of memory");
    free(text);
    return NULL;
  }
  Unit *u = parse_text(ts, file, text, len);
  free(text);
  return u;
}
