/*
 * instrument.c - the instrumented copy of a unit (see instrument.h).
 *
 * The text is cut into tokens (comments, strings and preprocessor lines
 * skipped), each edit is an insertion or a replacement at a token's
 * offset, and the edits are applied in one pass. A call wrapped twice
 * (acquired by one finding, failed by another's plan) nests: the fault
 * outside, so a failed call is not recorded as an acquisition. Wrappers
 * use GNU C (statement expressions, __auto_type, __typeof__), which gcc
 * and clang accept, under __extension__ so -pedantic stays quiet.
 */
#include "instrument.h"

#include "fspath.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct Tok {
  size_t off, len;
  bool ident;
} Tok;

typedef struct Edit {
  size_t off;
  size_t del; /* bytes replaced at off */
  int order;  /* among edits at one offset: lower first */
  const char *text;
} Edit;

typedef struct Ins {
  Arena *a;
  const char *src;
  size_t len;
  Tok *toks;
  int ntoks;
  size_t *lines; /* offset of each line's start, lines[0] for line 1 */
  int nlines;
  Edit *edits;
  int nedits, cap;
  const RuleSet *rs;
  InstrumentStats *st;
  int uniq;
} Ins;

const char *site_key(Arena *a, const char *file, int line, int col) {
  char buf[PATH_MAX];
  const char *p = file && realpath(file, buf) ? buf : file ? file : "?";
  return arena_printf(a, "%s:%d:%d", p, line, col);
}

/* ---- Tokens ---------------------------------------------------------------- */

static bool at_line_start(const char *s, size_t i) {
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
    i--;
  return i == 0 || s[i - 1] == '\n';
}

static void tokenize(Ins *n) {
  const char *s = n->src;
  size_t len = n->len, i = 0;
  int cap = 1024;
  n->toks = malloc(sizeof(Tok) * (size_t)cap);
  n->ntoks = 0;
  while (i < len) {
    char c = s[i];
    if (c == '#' && at_line_start(s, i)) { /* a directive, with its continuations */
      while (i < len && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < len && s[i + 1] == '\n')
          i++;
        else if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
          i += 2;
          while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
            i++;
          i++;
        }
        i++;
      }
      continue;
    }
    if (isspace((unsigned char)c)) {
      i++;
      continue;
    }
    if (c == '/' && i + 1 < len && s[i + 1] == '/') {
      while (i < len && s[i] != '\n')
        i++;
      continue;
    }
    if (c == '/' && i + 1 < len && s[i + 1] == '*') {
      i += 2;
      while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
        i++;
      i += 2;
      continue;
    }
    Tok t = {i, 1, false};
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < len && s[j] != c && s[j] != '\n') {
        if (s[j] == '\\') j++;
        j++;
      }
      t.len = (j < len ? j + 1 : j) - i;
    } else if (isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80) {
      size_t j = i;
      while (j < len &&
             (isalnum((unsigned char)s[j]) || s[j] == '_' || (unsigned char)s[j] >= 0x80))
        j++;
      t.len = j - i;
      t.ident = !isdigit((unsigned char)c);
    } else if (c == '-' && i + 1 < len && (s[i + 1] == '>' || s[i + 1] == '-')) {
      t.len = 2;
    } else if (c == '+' && i + 1 < len && s[i + 1] == '+') {
      t.len = 2;
    }
    if (n->ntoks == cap) {
      cap *= 2;
      n->toks = realloc(n->toks, sizeof(Tok) * (size_t)cap);
    }
    n->toks[n->ntoks++] = t;
    i += t.len;
  }
}

static void index_lines(Ins *n) {
  int cap = 256;
  n->lines = ARENA_ARRAY(n->a, size_t, cap);
  n->nlines = 0;
  n->lines[n->nlines++] = 0;
  for (size_t i = 0; i < n->len; i++) {
    if (n->src[i] != '\n') continue;
    if (n->nlines == cap) {
      size_t *g = ARENA_ARRAY(n->a, size_t, cap * 2);
      memcpy(g, n->lines, sizeof(size_t) * (size_t)cap);
      n->lines = g;
      cap *= 2;
    }
    n->lines[n->nlines++] = i + 1;
  }
}

/* The token starting exactly at line:col (1-based, bytes), or -1. */
static int tok_at(const Ins *n, int line, int col) {
  if (line < 1 || line > n->nlines || col < 1) return -1;
  size_t off = n->lines[line - 1] + (size_t)(col - 1);
  int lo = 0, hi = n->ntoks - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (n->toks[mid].off == off) return mid;
    if (n->toks[mid].off < off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -1;
}

static bool tok_is(const Ins *n, int i, const char *s) {
  return i >= 0 && i < n->ntoks && n->toks[i].len == strlen(s) &&
         memcmp(n->src + n->toks[i].off, s, n->toks[i].len) == 0;
}

/* The index of the token closing the bracket at i, or -1. */
static int matching(const Ins *n, int i) {
  char open = n->src[n->toks[i].off];
  char close = open == '(' ? ')' : open == '{' ? '}' : ']';
  int depth = 0;
  for (int j = i; j < n->ntoks; j++) {
    if (n->toks[j].len != 1) continue;
    char c = n->src[n->toks[j].off];
    if (c == open)
      depth++;
    else if (c == close && --depth == 0)
      return j;
  }
  return -1;
}

typedef struct Call {
  int name, open, close; /* tokens */
  int nargs;
  int argb[32], arge[32]; /* each argument's first and last token */
} Call;

/* The call whose callee's name is token i: `name ( args )`. */
static bool call_at(const Ins *n, int i, const char *name, Call *c) {
  if (i < 0 || !n->toks[i].ident || (name && !tok_is(n, i, name)) || !tok_is(n, i + 1, "("))
    return false;
  c->name = i;
  c->open = i + 1;
  c->close = matching(n, i + 1);
  if (c->close < 0) return false;
  c->nargs = 0;
  int depth = 0, start = i + 2;
  for (int j = i + 2; j <= c->close; j++) {
    bool sep = j == c->close || (depth == 0 && tok_is(n, j, ","));
    if (sep && j > start && c->nargs < 32) {
      c->argb[c->nargs] = start;
      c->arge[c->nargs++] = j - 1;
      start = j + 1;
    } else if (sep) {
      start = j + 1;
    }
    if (n->toks[j].len == 1 && strchr("([{", n->src[n->toks[j].off])) depth++;
    if (n->toks[j].len == 1 && strchr(")]}", n->src[n->toks[j].off])) depth--;
  }
  return true;
}

static size_t end_of(const Ins *n, int tok) {
  return n->toks[tok].off + n->toks[tok].len;
}

static const char *text_of(const Ins *n, int from, int to) {
  return arena_strndup(n->a, n->src + n->toks[from].off, end_of(n, to) - n->toks[from].off);
}

/* An argument we may evaluate a second time: no call, assignment or
   increment in it. */
static bool pure_arg(const Ins *n, int from, int to) {
  for (int j = from; j <= to; j++) {
    if (tok_is(n, j, "(") && j > from && n->toks[j - 1].ident) return false;
    if (tok_is(n, j, "=") || tok_is(n, j, "++") || tok_is(n, j, "--")) return false;
  }
  return true;
}

/* ---- Edits ----------------------------------------------------------------- */

static void edit(Ins *n, size_t off, size_t del, int order, const char *text) {
  if (n->nedits == n->cap) {
    n->cap = n->cap ? n->cap * 2 : 64;
    Edit *g = ARENA_ARRAY(n->a, Edit, n->cap);
    if (n->nedits) memcpy(g, n->edits, sizeof(Edit) * (size_t)n->nedits);
    n->edits = g;
  }
  n->edits[n->nedits++] = (Edit){off, del, order, text};
}

/* Wraps tokens [from, to] in prefix..suffix; depth 0 is outermost. */
static void wrap(Ins *n, int from, int to, int depth, const char *prefix, const char *suffix) {
  edit(n, n->toks[from].off, 0, 100 + depth, prefix);
  edit(n, end_of(n, to), 0, -100 - depth, suffix);
}

static int edit_order(const void *pa, const void *pb) {
  const Edit *a = pa, *b = pb;
  if (a->off != b->off) return a->off < b->off ? -1 : 1;
  return a->order - b->order;
}

static const char *c_string(Arena *a, const char *s) {
  Buf b = {0};
  buf_putc(a, &b, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') buf_putc(a, &b, '\\');
    buf_putc(a, &b, *s);
  }
  buf_putc(a, &b, '"');
  return buf_str(a, &b);
}

/* "(@)->fd" with @ replaced by e. */
static const char *apply_path(Arena *a, const char *path, const char *e) {
  Buf b = {0};
  buf_puts(a, &b, "");
  for (const char *p = path ? path : "@"; *p; p++) {
    if (*p == '@')
      buf_puts(a, &b, e);
    else
      buf_putc(a, &b, *p);
  }
  return buf_str(a, &b);
}

static const ResKind *kind_of_family(const RuleSet *rs, const char *fam) {
  for (int i = 0; i < rs->nkinds; i++)
    if (strcmp(rs->kinds[i]->family, fam) == 0) return rs->kinds[i];
  return NULL;
}

/* The value recorded for a resource at expression e: its address for a
   scoped kind (a lock is the object locked), else the value itself. */
static const char *value_args(Ins *n, bool scoped, const char *e) {
  if (scoped) return arena_printf(n->a, "&(const void *){(const void *)&(%s)}, sizeof(void *)", e);
  return arena_printf(n->a, "&(__typeof__(%s)){%s}, sizeof(%s)", e, e, e);
}

/* ---- Per finding ------------------------------------------------------------ */

static const char *frame_of(Ins *n, const Finding *f, bool *added) {
  int i = tok_at(n, f->func_loc.line, f->func_loc.col);
  Call c;
  if (!call_at(n, i, f->func, &c)) return NULL;
  int j = c.close + 1;
  while (j < n->ntoks && !tok_is(n, j, "{") && !tok_is(n, j, ";"))
    j++;
  if (!tok_is(n, j, "{")) return NULL;
  if (!*added)
    edit(n, end_of(n, j), 0, 0,
         " __attribute__((unused)) long __connlint_frame = connlint_rt_enter();");
  *added = true;
  return "__connlint_frame";
}

static bool returns_void(const Ins *n, const Finding *f) {
  int i = tok_at(n, f->func_loc.line, f->func_loc.col);
  return i > 0 && tok_is(n, i - 1, "void");
}

static void acquisition(Ins *n, const Finding *f, const char *key, const char *fam, bool scoped) {
  int i = tok_at(n, f->acq_loc.line, f->acq_loc.col);
  Call c;
  if (!call_at(n, i, NULL, &c)) {
    n->st->skipped++;
    return;
  }
  const char *site = c_string(n->a, key), *fm = c_string(n->a, fam);
  int u = n->uniq++;
  if (f->acq_arg >= 0) { /* an out-argument: the resource exists after the call */
    if (f->acq_arg >= c.nargs || !pure_arg(n, c.argb[f->acq_arg], c.arge[f->acq_arg])) {
      n->st->skipped++;
      return;
    }
    const char *arg = text_of(n, c.argb[f->acq_arg], c.arge[f->acq_arg]);
    const char *e = apply_path(n->a, f->acq_path, arena_printf(n->a, "(%s)", arg));
    if (scoped) { /* the lock object's address is known before the call */
      const char *ptr = arena_printf(n->a, "(%s)", arg);
      wrap(n, c.name, c.close, 1,
           arena_printf(n->a,
                        "(connlint_rt_acq(__connlint_frame, %s, %s, 1, &(const void *){(const "
                        "void *)%s}, sizeof(void *)), ",
                        site, fm, ptr),
           ")");
      return;
    }
    if (f->acq_always) { /* a void helper may fill it: no result to test */
      n->st->skipped++;
      return;
    }
    wrap(n, c.name, c.close, 1, arena_printf(n->a, "__extension__ ({ __auto_type __cl_v%d = ", u),
         arena_printf(n->a,
                      "; if (__cl_v%d %s %ld) connlint_rt_acq(__connlint_frame, %s, %s, 0, %s); "
                      "__cl_v%d; })",
                      u, cmp_op_str(f->acq_op), f->acq_value, site, fm, value_args(n, false, e),
                      u));
    return;
  }
  const char *v = arena_printf(n->a, "__cl_v%d", u);
  const char *cond =
      f->acq_always ? "1" : arena_printf(n->a, "%s %s %ld", v, cmp_op_str(f->acq_op), f->acq_value);
  wrap(n, c.name, c.close, 1, arena_printf(n->a, "__extension__ ({ __auto_type %s = ", v),
       arena_printf(n->a, "; if (%s) connlint_rt_acq(__connlint_frame, %s, %s, %d, %s); %s; })",
                    cond, site, fm, scoped, value_args(n, scoped, apply_path(n->a, f->acq_path, v)),
                    v));
}

/* ---- Leak points ---------------------------------------------------------- */

typedef struct Point {
  int tok;
  bool void_fn;
  Buf checks; /* connlint_rt_at(...) calls, each ending in "; " */
  struct Point *next;
} Point;

static Point *point_get(Ins *n, Point **list, int tok) {
  for (Point *p = *list; p; p = p->next)
    if (p->tok == tok) return p;
  Point *p = ARENA_NEW(n->a, Point);
  p->tok = tok;
  p->next = *list;
  *list = p;
  return p;
}

static void emit_point(Ins *n, Point *p) {
  const char *checks = buf_str(n->a, &p->checks);
  int t = p->tok;
  if (tok_is(n, t, "}")) {
    edit(n, n->toks[t].off, 0, 50, arena_printf(n->a, "%s", checks));
    return;
  }
  if (tok_is(n, t, "return")) {
    int semi = t + 1;
    int depth = 0;
    for (; semi < n->ntoks; semi++) {
      if (tok_is(n, semi, "(") || tok_is(n, semi, "{") || tok_is(n, semi, "[")) depth++;
      if (tok_is(n, semi, ")") || tok_is(n, semi, "}") || tok_is(n, semi, "]")) depth--;
      if (depth == 0 && tok_is(n, semi, ";")) break;
    }
    if (semi >= n->ntoks) return;
    Arena *a = n->a;
    if (semi == t + 1) { /* return; */
      edit(n, n->toks[t].off, 6, 0, arena_printf(a, "{ %sreturn", checks));
      edit(n, end_of(n, semi), 0, 0, " }");
    } else if (p->void_fn) {
      edit(n, n->toks[t].off, 6, 0, "{");
      edit(n, end_of(n, semi), 0, 0, arena_printf(a, " %sreturn; }", checks));
    } else {
      const char *rets = checks; /* each check passes &__cl_r */
      edit(n, n->toks[t].off, 6, 0, "{ __extension__ __auto_type __cl_r =");
      edit(n, end_of(n, semi), 0, 0, arena_printf(a, " %sreturn __cl_r; }", rets));
    }
    n->st->points++;
    return;
  }
  Call c; /* a call that does not return */
  if (call_at(n, t, NULL, &c)) {
    wrap(n, c.name, c.close, -1, arena_printf(n->a, "(__extension__ ({ %s}), ", checks), ")");
    n->st->points++;
  }
}

static void leak_points(Ins *n, const Finding *f, const char *key, Point **list) {
  bool void_fn = returns_void(n, f);
  const char *fp = c_string(n->a, f->fingerprint);
  const char *site = c_string(n->a, key);
  for (int i = 0; i < f->nleak_points; i++) {
    Loc l = f->leak_points[i];
    if (!l.file || strcmp(site_key(n->a, l.file, 0, 0), site_key(n->a, f->acq_loc.file, 0, 0)))
      continue;
    int t = tok_at(n, l.line, l.col);
    if (t < 0) {
      n->st->skipped++;
      continue;
    }
    bool ret = tok_is(n, t, "return");
    bool has_value = ret && !tok_is(n, t + 1, ";") && !void_fn;
    const char *base = strrchr(l.file, '/');
    const char *point =
        c_string(n->a, arena_printf(n->a, "%s:%d", base ? base + 1 : l.file, l.line));
    Point *p = point_get(n, list, t);
    p->void_fn = void_fn;
    buf_printf(n->a, &p->checks, "connlint_rt_at(__connlint_frame, %s, %s, %s, %s); ", fp, site,
               point, has_value ? "&__cl_r, sizeof __cl_r" : "(void *)0, 0");
  }
}

/* ---- Fault sites ------------------------------------------------------------ */

typedef struct Fault {
  int tok;
  const FaultStep *step;
  Buf cond; /* connlint_rt_fault(...) || ... */
  struct Fault *next;
} Fault;

static void faults(Ins *n, const Finding *f, Fault **list) {
  for (int i = 0; i < f->nfaults; i++) {
    const FaultStep *s = &f->faults[i];
    if (!s->injectable || !s->loc.file) continue;
    if (strcmp(site_key(n->a, s->loc.file, 0, 0), site_key(n->a, f->acq_loc.file, 0, 0))) continue;
    int t = tok_at(n, s->loc.line, s->loc.col);
    Call c;
    if (!call_at(n, t, s->callee, &c)) {
      n->st->skipped++;
      continue;
    }
    Fault *q = *list;
    while (q && q->tok != t)
      q = q->next;
    if (!q) {
      q = ARENA_NEW(n->a, Fault);
      q->tok = t;
      q->step = s;
      q->next = *list;
      *list = q;
    }
    buf_printf(n->a, &q->cond, "%sconnlint_rt_fault(\"connlint/%s/%d:%d\", %d)",
               q->cond.len ? " || " : "", f->fingerprint, s->loc.line, s->loc.col, s->fail_errno);
  }
}

static void emit_fault(Ins *n, Fault *q) {
  Call c;
  call_at(n, q->tok, NULL, &c);
  const char *val =
      q->step->pointer ? "((void *)0)" : arena_printf(n->a, "(%ld)", q->step->fail_value);
  wrap(n, c.name, c.close, 0, arena_printf(n->a, "(%s ? %s : ", buf_str(n->a, &q->cond), val), ")");
  n->st->faults++;
}

/* ---- Releases ------------------------------------------------------------------ */

/* Every call of a rule's release function inside a function body. */
static void releases(Ins *n) {
  int depth = 0;
  for (int i = 0; i < n->ntoks; i++) {
    if (tok_is(n, i, "{")) depth++;
    if (tok_is(n, i, "}")) depth--;
    if (depth <= 0 || !n->toks[i].ident || !tok_is(n, i + 1, "(")) continue;
    if (i > 0 && (tok_is(n, i - 1, ".") || tok_is(n, i - 1, "->"))) continue;
    if (i > 0 && n->toks[i - 1].ident && !tok_is(n, i - 1, "return") && !tok_is(n, i - 1, "else") &&
        !tok_is(n, i - 1, "do"))
      continue; /* a declaration: `int close(int);` */
    const char *name = text_of(n, i, i);
    const FuncRule *r = rules_find_func(n->rs, name);
    if (!r || r->from_summary || r->nreleases == 0) continue;
    Call c;
    if (!call_at(n, i, NULL, &c)) continue;
    Buf pre = {0};
    for (int k = 0; k < r->nreleases; k++) {
      const Release *rel = &r->releases[k];
      int arg = rel->target.arg;
      if (arg < 0 || arg >= c.nargs || !pure_arg(n, c.argb[arg], c.arge[arg])) continue;
      const ResKind *kind = kind_of_family(n->rs, rel->family);
      bool scoped = kind && kind->scoped;
      const char *e = arena_printf(n->a, "(%s)", text_of(n, c.argb[arg], c.arge[arg]));
      if (scoped && rel->target.nsteps == 1 && rel->target.steps[0].kind == STEP_DEREF)
        e = arena_printf(n->a, "*%s", e);
      else if (rel->target.nsteps > 0)
        continue; /* inner parts of an argument: too indirect to read safely */
      buf_printf(n->a, &pre, "connlint_rt_rel(%s, %s), ", c_string(n->a, rel->family),
                 value_args(n, scoped, e));
    }
    if (pre.len == 0) continue;
    wrap(n, c.name, c.close, 2, arena_printf(n->a, "(%s", buf_str(n->a, &pre)), ")");
    n->st->releases++;
  }
}

/* ---- The unit ------------------------------------------------------------------ */

static const char PRELUDE[] =
    "extern int connlint_rt_fault(const char *, int);\n"
    "extern long connlint_rt_enter(void);\n"
    "extern void connlint_rt_acq(long, const char *, const char *, int, const void *, "
    "unsigned long);\n"
    "extern void connlint_rt_rel(const char *, const void *, unsigned long);\n"
    "extern void connlint_rt_at(long, const char *, const char *, const char *, const void *, "
    "unsigned long);\n"
    "extern void connlint_rt_unit(const char *const *);\n";

void instrument_unit(Arena *a, const char *path, const char *text, size_t len,
                     const FindingList *fl, const RuleSet *rs, Buf *out, InstrumentStats *st) {
  Ins n = {.a = a, .src = text, .len = len, .rs = rs, .st = st};
  tokenize(&n);
  index_lines(&n);
  const char *unit = site_key(a, path, 0, 0);
  Point *points = NULL;
  Fault *flist = NULL;
  Vec sites = {0};
  const char **framed = ARENA_ARRAY(a, const char *, fl->findings.len + 1);
  int nframed = 0;
  for (int i = 0; i < fl->findings.len; i++) {
    const Finding *f = fl->findings.data[i];
    if ((f->kind != FIND_LEAK && f->kind != FIND_LOCK_HELD) || !f->fingerprint || !f->acq_loc.file)
      continue;
    if (strcmp(site_key(a, f->acq_loc.file, 0, 0), unit) != 0) continue;
    bool added = false;
    for (int k = 0; k < nframed; k++)
      if (strcmp(framed[k], f->func) == 0) added = true;
    if (!frame_of(&n, f, &added)) {
      st->skipped++;
      continue;
    }
    if (added) framed[nframed++] = f->func;
    const ResKind *k = rules_find_kind(rs, f->kind_id);
    bool scoped = k ? k->scoped : f->kind == FIND_LOCK_HELD;
    const char *key = site_key(a, f->acq_loc.file, f->acq_loc.line, f->acq_loc.col);
    vec_push(a, &sites, (void *)key);
    acquisition(&n, f, key, f->family, scoped);
    leak_points(&n, f, key, &points);
    faults(&n, f, &flist);
    st->findings++;
  }
  for (Point *p = points; p; p = p->next)
    emit_point(&n, p);
  for (Fault *q = flist; q; q = q->next)
    emit_fault(&n, q);
  releases(&n);
  qsort(n.edits, (size_t)n.nedits, sizeof(Edit), edit_order);

  buf_puts(a, out, PRELUDE);
  buf_printf(a, out, "#line 1 %s\n", c_string(a, path));
  size_t at = 0;
  for (int i = 0; i < n.nedits; i++) {
    const Edit *e = &n.edits[i];
    if (e->off < at) continue; /* inside a replaced span: cannot happen by construction */
    buf_printf(a, out, "%.*s", (int)(e->off - at), text + at);
    buf_puts(a, out, e->text);
    at = e->off + e->del;
  }
  buf_printf(a, out, "%.*s", (int)(len - at), text + at);
  /* After the last line, so no line moves: the unit tells the runtime which
     acquisition sites it watches, and confirm can tell a site that never
     ran from one nobody instrumented. */
  if (sites.len) {
    buf_puts(a, out, "\nstatic const char *const __connlint_sites[] = {");
    for (int i = 0; i < sites.len; i++)
      buf_printf(a, out, "%s, ", c_string(a, sites.data[i]));
    buf_puts(a, out,
             "0};\n__attribute__((constructor)) static void __connlint_unit(void) {"
             " connlint_rt_unit(__connlint_sites); }\n");
  }
  free(n.toks);
}
