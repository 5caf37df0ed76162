/*
 * macro.c - a tiny macro expander, for one question
 * libclang's C API cannot answer: which function does a cleanup attribute
 * name when the attribute comes from a macro?
 *
 *   #define _cleanup_(x) __attribute__((__cleanup__(x)))
 *   #define _cleanup_free_ _cleanup_(freep)
 *
 * The attribute's spelling location points at `__cleanup__(x)`, and `x` is a
 * macro parameter: the function is only known at the use site. So the use
 * site's macro invocation is expanded here, with definitions found by
 * scanning the `#define` lines of the files the unit includes. The expander
 * handles object- and function-like macros, variadic arguments and `##`;
 * it ignores `#if` (the first non-empty definition of a name wins), which is
 * enough for the cleanup macros of glib, systemd and their imitators. The
 * table is built once per unit, and only when such an attribute is met.
 */
#include "frontend_int.h"

#include <string.h>

/* ---- Definitions ----------------------------------------------------------- */

typedef struct MacroDef {
  const char *text; /* the file holding it */
  size_t size;
  size_t body; /* offset of the body */
  bool function_like;
  bool variadic;
  Tok params[16];
  int nparams;
} MacroDef;

struct MacroTable {
  Map defs; /* name -> MacroDef */
};

static void scan_file(Fe *fe, MacroTable *mt, const char *text, size_t size) {
  for (size_t i = 0; i < size;) {
    /* At a line start: is this `# define`? */
    size_t j = i;
    while (j < size && (text[j] == ' ' || text[j] == '\t'))
      j++;
    if (j < size && text[j] == '#') {
      size_t off = j + 1;
      Tok kw, name;
      if (ctok_next(text, size, &off, &kw, true) && ctok_is(kw, "define") &&
          ctok_next(text, size, &off, &name, true) && ctok_ident(name)) {
        char *key = arena_strndup(fe->a, name.p, (size_t)name.len);
        unsigned h = str_hash(key);
        MacroDef *old = map_get(&mt->defs, h, key, str_eq);
        MacroDef *d = ARENA_NEW(fe->a, MacroDef);
        d->text = text;
        d->size = size;
        if (off < size && text[off] == '(') {
          d->function_like = true;
          off++;
          Tok p;
          while (ctok_next(text, size, &off, &p, true) && !ctok_is(p, ")")) {
            if (ctok_is(p, "..."))
              d->variadic = true;
            else if (ctok_ident(p) && d->nparams < 16)
              d->params[d->nparams++] = p;
          }
        }
        size_t probe = off;
        Tok first;
        bool empty = !ctok_next(text, size, &probe, &first, true);
        d->body = empty ? size : off; /* body == size: empty */
        if (!old || (old->body == old->size && !empty))
          map_put(fe->a, &mt->defs, h, key, d, str_eq);
      }
    }
    /* Next logical line. */
    while (i < size && text[i] != '\n')
      i += text[i] == '\\' && i + 1 < size ? 2 : 1;
    i++;
  }
}

static void inclusion_visitor(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData data) {
  Fe *fe = data;
  SrcFile *sf = fe_file(fe, f);
  if (sf && sf->text) scan_file(fe, fe->macros, sf->text, sf->size);
}

static MacroTable *table(Fe *fe) {
  if (!fe->macros) {
    fe->macros = ARENA_NEW(fe->a, MacroTable);
    clang_getInclusions(fe->tu, inclusion_visitor, fe);
  }
  return fe->macros;
}

/* ---- Expansion ----------------------------------------------------------- */

enum { MAX_TOKS = 1024, MAX_STEPS = 64 };

typedef struct TokList {
  Tok *t;
  int n;
} TokList;

static void push(TokList *l, Tok t) {
  if (l->n < MAX_TOKS) l->t[l->n++] = t;
}

static MacroDef *lookup(Fe *fe, Tok t) {
  static const char *const never[] = {"__attribute__", "cleanup", "__cleanup__"};
  if (!ctok_ident(t)) return NULL;
  for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
    if (ctok_is(t, never[i])) return NULL;
  char key[128];
  if (t.len >= (int)sizeof key) return NULL;
  memcpy(key, t.p, (size_t)t.len);
  key[t.len] = '\0';
  return map_get(&table(fe)->defs, str_hash(key), key, str_eq);
}

static int param_index(const MacroDef *d, Tok t) {
  for (int i = 0; i < d->nparams; i++)
    if (d->params[i].len == t.len && memcmp(d->params[i].p, t.p, (size_t)t.len) == 0) return i;
  if (d->variadic && ctok_is(t, "__VA_ARGS__")) return d->nparams;
  return -1;
}

/* Replaces in[at, end) (one invocation of d) by its expansion. */
static TokList substitute(Fe *fe, Arena *tmp, const TokList *in, int at, int end, const MacroDef *d,
                          const int *arg_start, const int *arg_end, int nargs) {
  TokList out = {ARENA_ARRAY(tmp, Tok, MAX_TOKS), 0};
  for (int i = 0; i < at; i++)
    push(&out, in->t[i]);
  Tok body[256];
  int nb = 0;
  size_t off = d->body;
  while (nb < 256 && off < d->size && ctok_next(d->text, d->size, &off, &body[nb], true))
    nb++;
  for (int i = 0; i < nb; i++) {
    Tok t = body[i];
    if (ctok_is(t, "##") && out.n > at && i + 1 < nb) {
      /* Paste the previous output token with the next body token (or the
         first token of the argument it names). */
      Tok next = body[++i];
      int pi = d->function_like ? param_index(d, next) : -1;
      int rest = 0;
      if (pi >= 0 && pi < nargs) {
        rest = arg_start[pi];
        if (rest >= arg_end[pi]) continue; /* empty argument: nothing to paste */
        next = in->t[rest++];
      }
      Tok *prev = &out.t[out.n - 1];
      char *s = arena_alloc(tmp, (size_t)(prev->len + next.len) + 1);
      memcpy(s, prev->p, (size_t)prev->len);
      memcpy(s + prev->len, next.p, (size_t)next.len);
      *prev = (Tok){s, prev->len + next.len};
      if (pi >= 0 && pi < nargs)
        for (int k = rest; k < arg_end[pi]; k++)
          push(&out, in->t[k]);
      continue;
    }
    int pi = d->function_like ? param_index(d, t) : -1;
    if (pi >= 0) {
      if (pi < nargs)
        for (int k = arg_start[pi]; k < arg_end[pi]; k++)
          push(&out, in->t[k]);
    } else {
      push(&out, t);
    }
  }
  for (int i = end; i < in->n; i++)
    push(&out, in->t[i]);
  return out;
}

/* Expands the first expandable macro in `l`; false when there is none. */
static bool expand_once(Fe *fe, Arena *tmp, TokList *l) {
  for (int i = 0; i < l->n; i++) {
    MacroDef *d = lookup(fe, l->t[i]);
    if (!d) continue;
    if (!d->function_like) {
      *l = substitute(fe, tmp, l, i, i + 1, d, NULL, NULL, 0);
      return true;
    }
    if (i + 1 >= l->n || !ctok_is(l->t[i + 1], "(")) continue;
    int starts[17], ends[17], nargs = 0, depth = 0, j;
    starts[0] = i + 2;
    for (j = i + 2; j < l->n; j++) {
      Tok t = l->t[j];
      if (ctok_is(t, "(")) {
        depth++;
      } else if (ctok_is(t, ")")) {
        if (depth-- == 0) break;
      } else if (ctok_is(t, ",") && depth == 0 && nargs < 16 &&
                 !(d->variadic && nargs >= d->nparams)) {
        ends[nargs++] = j;
        starts[nargs] = j + 1;
      }
    }
    if (j >= l->n) return false; /* unbalanced: give up */
    ends[nargs++] = j;
    if (nargs == 1 && starts[0] == ends[0] && d->nparams == 0) nargs = 0;
    *l = substitute(fe, tmp, l, i, j + 1, d, starts, ends, nargs);
    return true;
  }
  return false;
}

static const char *find_cleanup(Fe *fe, const TokList *l) {
  for (int i = 0; i + 3 < l->n; i++)
    if ((ctok_is(l->t[i], "cleanup") || ctok_is(l->t[i], "__cleanup__")) &&
        ctok_is(l->t[i + 1], "(") && ctok_ident(l->t[i + 2]) && ctok_is(l->t[i + 3], ")") &&
        !lookup(fe, l->t[i + 2]))
      return arena_strndup(fe->a, l->t[i + 2].p, (size_t)l->t[i + 2].len);
  return NULL;
}

static const char *expand_for_cleanup(Fe *fe, Arena *tmp, const char *text, size_t len) {
  TokList l = {ARENA_ARRAY(tmp, Tok, MAX_TOKS), 0};
  size_t off = 0;
  Tok t;
  if (!ctok_next(text, len, &off, &t, false) || !ctok_ident(t)) return NULL;
  push(&l, t);
  /* The invocation: the name, and its arguments if it takes any. */
  MacroDef *d = lookup(fe, t);
  if (!d) return NULL;
  if (d->function_like) {
    int depth = 0;
    while (ctok_next(text, len, &off, &t, false)) {
      push(&l, t);
      if (ctok_is(t, "("))
        depth++;
      else if (ctok_is(t, ")") && --depth <= 0)
        break;
    }
  }
  for (int step = 0; step < MAX_STEPS; step++) {
    const char *fn = find_cleanup(fe, &l);
    if (fn) return fn;
    if (!expand_once(fe, tmp, &l)) return NULL;
  }
  return NULL;
}

/* Expansion steps copy whole token lists; they live in a scratch arena so
   that only the name found stays in the unit. */
const char *macro_find_cleanup(Fe *fe, const char *text, size_t len) {
  Arena tmp;
  arena_init(&tmp);
  const char *fn = expand_for_cleanup(fe, &tmp, text, len);
  arena_free(&tmp);
  return fn;
}
