/*
 * ts_fnptr.c - which functions each function-pointer variable may hold,
 * read from the syntax tree (the tree-sitter front end's counterpart of the
 * libclang front end's fnptr.c, with the same result: one FnTargets per
 * variable in Unit.fnptrs).
 *
 * Before its functions are lowered, the file is walked once for every
 * store into a function-pointer variable (local, static or file-scope): its
 * initializer and each `fp = ...`. A function designator (`close_conn`,
 * `&close_conn`, `(hook_fn)free`, either side of `?:`) adds a target, NULL
 * or 0 adds none, and anything else (a parameter, another variable, a
 * call's result) or taking the variable's address makes its targets
 * unknown.
 *
 * Without a compiler, "function pointer" and "function" are read from the
 * declarations: a declarator `(*name)(params)`, or a typedef of a pointer
 * to a function (`hook_fn h`), or a pointer to a typedef of a function type
 * (`fn_t *h`). Names resolve as lowering resolves them: the innermost
 * block's declaration, then the file's. A name no declaration gives is a
 * function of some header (malloc) unless it is spelled like a constant or
 * is one of the headers' variables.
 *
 * What a preprocessor would show is read conservatively: both sides of
 * every #if are scanned (a store on either side counts), a variable a
 * macro body assigns or takes the address of has unknown targets, and so
 * does one passed to a macro or a function the file does not declare (a
 * header's macro may store into it). A variable named inside a part of the
 * file tree-sitter could not parse has unknown targets too.
 */
#include "tsfront_int.h"

#include <ctype.h>
#include <string.h>

/* A name in scope: a function-pointer variable (t), or another variable
   that hides outer declarations of the name (t == NULL). */
typedef struct FpBind {
  const char *name;
  FnTargets *t;
  struct FpBind *hidden; /* what the name meant before, or NULL */
} FpBind;

typedef struct FpScope {
  uint32_t end; /* the byte the owning node ends at */
  int mark;     /* bindings made before it opened (FpScan.log) */
} FpScope;

typedef struct FpScan {
  TsUnit *t;
  Arena scratch;
  Map file;           /* name -> FpBind: file-scope variables */
  Map local;          /* name -> FpBind: the innermost block-scope declaration */
  Map shapes;         /* typedef name -> its shape (see shape_of) */
  Vec scopes;         /* FpScope * */
  Vec log;            /* FpBind * made in block scopes, in order */
  Vec all;            /* FnTargets *, every entry */
  Vec bodies;         /* const char *: the file's macro bodies */
  uint32_t error_end; /* inside an ERROR node up to this byte */
} FpScan;

enum { MAX_SHAPE = 8 };

/* Source text of a node, in the scan's own arena (names kept past the scan
   are copied into the unit's). */
static const char *text_of(FpScan *s, TSNode n) {
  uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return arena_strndup(&s->scratch, s->t->src + b, e > b ? e - b : 0);
}

static TSNode strip(TSNode e) {
  while (ts_is(e, "parenthesized_expression") && ts_node_named_child_count(e) == 1)
    e = ts_node_named_child(e, 0);
  return e;
}

/* The type constructors of declarator d over the type specifier `type`,
   from the name outward: 'P' pointer, 'F' function, 'A' array, then those
   of a typedef named as the type. "PF..." is a pointer to a function.
   *name gets the declared identifier (null node if none). */
static const char *shape_of(FpScan *s, TSNode type, TSNode d, TSNode *name) {
  char outer[MAX_SHAPE * 2];
  int n = 0;
  *name = (TSNode){0};
  while (!ts_node_is_null(d) && n < MAX_SHAPE) {
    if (ts_is(d, "identifier") || ts_is(d, "type_identifier") || ts_is(d, "field_identifier")) {
      *name = d;
      break;
    }
    if (ts_is(d, "pointer_declarator"))
      outer[n++] = 'P';
    else if (ts_is(d, "function_declarator"))
      outer[n++] = 'F';
    else if (ts_is(d, "array_declarator"))
      outer[n++] = 'A';
    else if (!ts_is(d, "parenthesized_declarator") && !ts_is(d, "attributed_declarator") &&
             !ts_is(d, "init_declarator"))
      return "?";
    TSNode inner = ts_field(d, "declarator");
    if (ts_node_is_null(inner) && ts_node_named_child_count(d) > 0 &&
        !ts_is(d, "pointer_declarator") && !ts_is(d, "function_declarator") &&
        !ts_is(d, "array_declarator"))
      inner = ts_node_named_child(d, 0);
    d = inner;
  }
  if (ts_node_is_null(*name)) return "?";
  char buf[MAX_SHAPE * 2 + 1];
  int k = 0;
  for (int i = n - 1; i >= 0; i--)
    buf[k++] = outer[i];
  if (ts_is(type, "type_identifier")) {
    const char *tn = text_of(s, type);
    const char *ts = map_get(&s->shapes, str_hash(tn), tn, str_eq);
    for (; ts && *ts && k < MAX_SHAPE * 2; ts++)
      buf[k++] = *ts;
  }
  buf[k] = 0;
  return arena_strdup(&s->scratch, buf);
}

static bool is_fnptr_shape(const char *shape) {
  return shape[0] == 'P' && shape[1] == 'F';
}

/* What a declaration or typedef declares, one declarator each: the name
   (a null node if none), its shape (shape_of) and its initializer (`x =
   v`, else a null node). */
typedef struct Declared {
  TSNode name, value;
  const char *shape;
} Declared;

static int declared(FpScan *s, TSNode n, Declared **out) {
  TSNode type = ts_field(n, "type");
  Vec v = {0};
  TsIter it;
  ts_iter_begin(&it, n);
  TSNode kid;
  const char *f;
  while (ts_iter_next(&it, &kid, &f)) {
    if (!f || strcmp(f, "declarator") != 0) continue;
    Declared *d = ARENA_NEW(&s->scratch, Declared);
    d->shape = shape_of(s, type, kid, &d->name);
    d->value = ts_is(kid, "init_declarator") ? ts_field(kid, "value") : (TSNode){0};
    vec_push(&s->scratch, &v, d);
  }
  ts_iter_end(&it);
  *out = vec_items(&s->scratch, &v, sizeof(Declared));
  return v.len;
}

static void note_typedef(FpScan *s, TSNode n) {
  Declared *d;
  int nd = declared(s, n, &d);
  for (int i = 0; i < nd; i++) {
    if (ts_node_is_null(d[i].name) || d[i].shape[0] == '?') continue;
    const char *tn = text_of(s, d[i].name);
    map_put(&s->scratch, &s->shapes, str_hash(tn), tn, (void *)d[i].shape, str_eq);
  }
}

static FnTargets *entry_new(FpScan *s, const char *name, bool is_extern) {
  FnTargets *t = ARENA_NEW(s->t->a, FnTargets);
  t->name = arena_strdup(s->t->a, name);
  t->is_extern = is_extern;
  vec_push(&s->scratch, &s->all, t);
  return t;
}

static FpBind *resolve(FpScan *s, const char *name) {
  unsigned h = str_hash(name);
  FpBind *b = map_get(&s->local, h, name, str_eq);
  return b ? b : map_get(&s->file, h, name, str_eq);
}

static FnTargets *entry_of(FpScan *s, TSNode e) {
  e = strip(e);
  if (!ts_is(e, "identifier")) return NULL;
  FpBind *b = resolve(s, text_of(s, e));
  return b ? b->t : NULL;
}

static bool spelled_as_constant(const char *s) {
  bool letter = false;
  for (; *s; s++) {
    if (islower((unsigned char)*s)) return false;
    if (isupper((unsigned char)*s)) letter = true;
  }
  return letter;
}

/* What storing the value named `name` (written at `at`) adds to t. */
static void store_name(FpScan *s, FnTargets *t, const char *name, TSNode at, int depth) {
  TsUnit *tu = s->t;
  unsigned h = str_hash(name);
  if (strcmp(name, "NULL") == 0 || strcmp(name, "nullptr") == 0) return;
  if (resolve(s, name) || map_get(&tu->enums, h, name, str_eq)) {
    t->unknown = true; /* a variable's value */
    return;
  }
  if (map_get(&tu->decls, h, name, str_eq)) {
    fn_targets_add(tu->a, t, arena_strdup(tu->a, name));
    return;
  }
  const Macro *m = map_get(&tu->macros, h, name, str_eq);
  if (m) {
    /* `#define DEFAULT_HOOK log_plain`: the name it stands for. */
    const char *b = m->body;
    while (*b == ' ' || *b == '\t' || *b == '(' || *b == '&')
      b++;
    size_t len = 0;
    while (isalnum((unsigned char)b[len]) || b[len] == '_')
      len++;
    const char *rest = b + len;
    while (*rest == ' ' || *rest == '\t' || *rest == ')')
      rest++;
    if (!m->function_like && len && !isdigit((unsigned char)b[0]) && !*rest && depth < 8)
      store_name(s, t, arena_strndup(&s->scratch, b, len), at, depth + 1);
    else if (!m->function_like && strcmp(m->body, "0") == 0)
      return;
    else
      t->unknown = true;
    return;
  }
  if (spelled_as_constant(name) || ts_header_variable(name)) {
    t->unknown = true;
    return;
  }
  /* A function some header declares: declared here too, so lowering reads
     the name as that function, not as a variable of the header's. */
  TSPoint p = ts_node_start_point(at);
  ts_decl(tu, name, (Loc){tu->file, (int)p.row + 1, (int)p.column + 1});
  fn_targets_add(tu->a, t, arena_strdup(tu->a, name));
}

/* What storing e into t's variable adds. */
static void store(FpScan *s, FnTargets *t, TSNode e, int depth) {
  e = strip(e);
  if (depth > 64) {
    t->unknown = true;
    return;
  }
  if (ts_is(e, "identifier")) {
    store_name(s, t, text_of(s, e), e, 0);
  } else if (ts_is(e, "null")) {
    /* NULL: calling it is not a call */
  } else if (ts_is(e, "number_literal")) {
    const char *v = text_of(s, e);
    if (strspn(v, "0") != strlen(v)) t->unknown = true;
  } else if (ts_is(e, "cast_expression")) {
    store(s, t, ts_field(e, "value"), depth + 1);
  } else if (ts_is(e, "pointer_expression") && ts_is(ts_node_child(e, 0), "&")) {
    store(s, t, ts_field(e, "argument"), depth + 1);
  } else if (ts_is(e, "conditional_expression")) {
    TSNode yes = ts_field(e, "consequence");
    store(s, t, ts_node_is_null(yes) ? ts_field(e, "condition") : yes, depth + 1);
    store(s, t, ts_field(e, "alternative"), depth + 1);
  } else {
    t->unknown = true;
  }
}

/* ---- Declarations ---------------------------------------------------------- */

static bool storage_is(FpScan *s, TSNode decl, const char *word) {
  uint32_t cnt = ts_node_child_count(decl);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_child(decl, i);
    if (ts_is(k, "storage_class_specifier") && strcmp(text_of(s, k), word) == 0) return true;
  }
  return false;
}

/* Keys of TsUnit.fnptr_at: uint32_t * byte offsets. */
static bool offset_eq(const void *a, const void *b) {
  return *(const uint32_t *)a == *(const uint32_t *)b;
}

/* The file-scope entry of `name`, made on first sight. */
static FpBind *file_bind(FpScan *s, const char *name, bool fnptr, bool is_extern) {
  unsigned h = str_hash(name);
  FpBind *b = map_get(&s->file, h, name, str_eq);
  if (!b) {
    b = ARENA_NEW(&s->scratch, FpBind);
    b->name = arena_strdup(&s->scratch, name);
    map_put(&s->scratch, &s->file, h, b->name, b, str_eq);
  }
  if (fnptr && !b->t) b->t = entry_new(s, name, is_extern);
  return b;
}

static void local_bind(FpScan *s, const char *name, FnTargets *t) {
  unsigned h = str_hash(name);
  FpBind *b = ARENA_NEW(&s->scratch, FpBind);
  b->name = name;
  b->t = t;
  b->hidden = map_get(&s->local, h, name, str_eq);
  map_put(&s->scratch, &s->local, h, name, b, str_eq);
  vec_push(&s->scratch, &s->log, b);
}

/* A declaration: at file scope (no block open) its variables are the
   file's; in a block they hide what the name meant outside it. */
static void declaration(FpScan *s, TSNode d) {
  bool at_file = s->scopes.len == 0;
  bool is_static = storage_is(s, d, "static"), is_extern = storage_is(s, d, "extern");
  Declared *v;
  int nv = declared(s, d, &v);
  for (int i = 0; i < nv; i++) {
    TSNode name = v[i].name;
    if (ts_node_is_null(name) || v[i].shape[0] == 'F') continue; /* a function's prototype */
    const char *n = text_of(s, name);
    bool fnptr = is_fnptr_shape(v[i].shape);
    FnTargets *t = NULL;
    if (at_file || is_extern) {
      t = file_bind(s, n, fnptr, at_file ? !is_static : true)->t;
      if (!at_file) local_bind(s, n, t);
    } else {
      if (fnptr) {
        t = entry_new(s, n, false);
        uint32_t *at = ARENA_NEW(s->t->a, uint32_t);
        *at = ts_node_start_byte(name);
        map_put(s->t->a, &s->t->fnptr_at, *at, at, t, offset_eq);
      }
      local_bind(s, n, t);
    }
    if (t && !ts_node_is_null(v[i].value)) store(s, t, v[i].value, 0);
  }
}

/* The file-scope declarations first, wherever they are (lowering resolves
   a name to the file's variable wherever the file declares it). */
static void file_scope(FpScan *s, TSNode n, int depth) {
  if (depth > MAX_NESTING) return;
  uint32_t cnt = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_named_child(n, i);
    if (ts_is(k, "type_definition")) {
      note_typedef(s, k);
    } else if (ts_is(k, "declaration")) {
      bool is_static = storage_is(s, k, "static");
      Declared *d;
      int nd = declared(s, k, &d);
      for (int j = 0; j < nd; j++)
        if (!ts_node_is_null(d[j].name) && d[j].shape[0] != 'F')
          file_bind(s, text_of(s, d[j].name), is_fnptr_shape(d[j].shape), !is_static);
    } else if (!ts_is(k, "function_definition") && !ts_is(k, "compound_statement")) {
      file_scope(s, k, depth + 1); /* #if sides, extern "C" { }, ERROR */
    }
  }
}

/* ---- Macros and unparsed text ------------------------------------------------ */

static bool ident_char(char c) {
  return isalnum((unsigned char)c) || c == '_';
}

/* Each identifier of a macro body that is assigned (`x =`, not `x ==`) or
   whose address is taken (`&x`, not `a && x`): calls fn(arg, name, index)
   with the identifier's text. */
static void body_stores(FpScan *s, const char *body, void (*fn)(FpScan *, const char *, void *),
                        void *arg) {
  for (const char *p = body; *p;) {
    if (*p == '"' || *p == '\'') { /* a literal: skip it */
      char q = *p++;
      while (*p && *p != q)
        p += p[0] == '\\' && p[1] ? 2 : 1;
      if (*p) p++;
      continue;
    }
    if (!ident_char(*p) || (p > body && ident_char(p[-1]))) {
      p++;
      continue;
    }
    const char *b = p;
    while (ident_char(*p))
      p++;
    if (isdigit((unsigned char)*b)) continue;
    const char *before = b;
    while (before > body && (before[-1] == ' ' || before[-1] == '\t' || before[-1] == '('))
      before--;
    const char *after = p;
    while (*after == ' ' || *after == '\t' || *after == ')')
      after++;
    bool addr = before > body && before[-1] == '&' && !(before - 1 > body && before[-2] == '&');
    bool assigned = after[0] == '=' && after[1] != '=';
    if (addr || assigned) fn(s, arena_strndup(&s->scratch, b, (size_t)(p - b)), arg);
  }
}

static void unknown_named(FpScan *s, const char *name, void *arg) {
  (void)arg;
  for (int i = 0; i < s->all.len; i++) {
    FnTargets *t = s->all.data[i];
    if (strcmp(t->name, name) == 0) t->unknown = true;
  }
}

typedef struct ParamHit {
  const Macro *m;
  unsigned stored; /* bit i: parameter i is assigned or has its address taken */
} ParamHit;

static void param_stored(FpScan *s, const char *name, void *arg) {
  (void)s;
  ParamHit *h = arg;
  for (int i = 0; i < h->m->nparams && i < 32; i++)
    if (strcmp(h->m->params[i], name) == 0) h->stored |= 1u << i;
}

/* A call passes each argument by value, but a macro may assign it: a
   variable passed to a macro of the file that stores into that parameter,
   or to a name the file does not declare (a macro of some header, for all
   it knows), has unknown targets. */
static void passed(FpScan *s, TSNode call) {
  TSNode fn = strip(ts_field(call, "function"));
  if (!ts_is(fn, "identifier")) return;
  const char *name = text_of(s, fn);
  unsigned h = str_hash(name);
  if (resolve(s, name)) return; /* a call through a variable */
  const Macro *m = map_get(&s->t->macros, h, name, str_eq);
  unsigned stored = ~0u;
  if (m && m->function_like) {
    ParamHit hit = {m, 0};
    body_stores(s, m->body, param_stored, &hit);
    stored = hit.stored;
  } else if (!m && map_get(&s->t->decls, h, name, str_eq)) {
    return; /* a function: it gets a copy */
  }
  TSNode args = ts_field(call, "arguments");
  uint32_t cnt = ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);
  for (uint32_t i = 0; i < cnt; i++) {
    FnTargets *t = entry_of(s, ts_node_named_child(args, i));
    if (t && (i >= 32 || (stored & (1u << i)))) t->unknown = true;
  }
}

/* ---- The walk ------------------------------------------------------------------ */

static void scope_open(FpScan *s, TSNode owner) {
  FpScope *sc = ARENA_NEW(&s->scratch, FpScope);
  sc->end = ts_node_end_byte(owner);
  sc->mark = s->log.len;
  vec_push(&s->scratch, &s->scopes, sc);
}

/* Closes the blocks that end before `at`. */
static void scopes_close(FpScan *s, uint32_t at) {
  while (s->scopes.len) {
    FpScope *sc = s->scopes.data[s->scopes.len - 1];
    if (at < sc->end) break;
    while (s->log.len > sc->mark) {
      FpBind *b = s->log.data[--s->log.len];
      map_put(&s->scratch, &s->local, str_hash(b->name), b->name, b->hidden, str_eq);
    }
    s->scopes.len--;
  }
}

static void params(FpScan *s, TSNode def) {
  TSNode d = ts_field(def, "declarator");
  while (!ts_node_is_null(d) && !ts_is(d, "function_declarator"))
    d = ts_field(d, "declarator");
  if (ts_node_is_null(d)) return; /* K&R, or text that is not C */
  TSNode ps = ts_field(d, "parameters");
  uint32_t cnt = ts_node_is_null(ps) ? 0 : ts_node_named_child_count(ps);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode p = ts_node_named_child(ps, i);
    if (!ts_is(p, "parameter_declaration")) continue;
    TSNode name;
    shape_of(s, ts_field(p, "type"), ts_field(p, "declarator"), &name);
    if (!ts_node_is_null(name)) local_bind(s, text_of(s, name), NULL);
  }
}

static void visit(FpScan *s, TSNode k) {
  const char *type = ts_node_type(k);
  if (strcmp(type, "ERROR") == 0) {
    uint32_t e = ts_node_end_byte(k);
    if (e > s->error_end) s->error_end = e;
  } else if (strcmp(type, "function_definition") == 0) {
    scope_open(s, k);
    params(s, k);
  } else if (strcmp(type, "compound_statement") == 0 || strcmp(type, "for_statement") == 0) {
    scope_open(s, k);
  } else if (strcmp(type, "declaration") == 0) {
    declaration(s, k);
  } else if (strcmp(type, "type_definition") == 0) {
    if (s->scopes.len) note_typedef(s, k);
  } else if (strcmp(type, "assignment_expression") == 0) {
    FnTargets *t = entry_of(s, ts_field(k, "left"));
    if (t) store(s, t, ts_field(k, "right"), 0);
  } else if (strcmp(type, "pointer_expression") == 0 && ts_is(ts_node_child(k, 0), "&")) {
    FnTargets *t = entry_of(s, ts_field(k, "argument"));
    if (t) t->unknown = true; /* stored through a pointer we do not follow */
  } else if (strcmp(type, "call_expression") == 0) {
    passed(s, k);
  } else if (strcmp(type, "identifier") == 0 && ts_node_start_byte(k) < s->error_end) {
    FnTargets *t = entry_of(s, k);
    if (t) t->unknown = true; /* in text tree-sitter could not read */
  } else if (strcmp(type, "preproc_def") == 0 || strcmp(type, "preproc_function_def") == 0) {
    TSNode v = ts_field(k, "value");
    if (!ts_node_is_null(v)) vec_push(&s->scratch, &s->bodies, (void *)text_of(s, v));
  }
}

void ts_scan_fnptrs(TsUnit *t, TSNode root) {
  FpScan s = {.t = t};
  arena_init(&s.scratch);
  file_scope(&s, root, 0);
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode k = ts_tree_cursor_current_node(&c);
    scopes_close(&s, ts_node_start_byte(k));
    visit(&s, k);
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c))
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
  }
done:
  ts_tree_cursor_delete(&c);
  /* Macro bodies are read once the walk has made every entry. */
  for (int i = 0; i < s.bodies.len; i++)
    body_stores(&s, s.bodies.data[i], unknown_named, NULL);
  t->u->fnptrs = ARENA_ARRAY(t->a, FnTargets *, s.all.len + 1);
  for (int i = 0; i < s.all.len; i++)
    t->u->fnptrs[i] = s.all.data[i];
  t->u->nfnptrs = s.all.len;
  for (int i = 0; i < s.all.len; i++) {
    FnTargets *e = s.all.data[i];
    unsigned h = str_hash(e->name);
    FpBind *b = map_get(&s.file, h, e->name, str_eq);
    if (b && b->t == e) map_put(t->a, &t->fnptr_file, h, e->name, e, str_eq);
  }
  arena_free(&s.scratch);
}

FnTargets *ts_fnptr_local(TsUnit *t, uint32_t at) {
  return map_get(&t->fnptr_at, at, &at, offset_eq);
}
