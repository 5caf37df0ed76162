/*
 * fix.c - from a FixSite to text insertions, and from fixes to a diff (see
 * fix.h).
 *
 * The source is lexed forward from the holder's declaration to the exit,
 * just enough to tell code from comments and literals: that gives the
 * braces between the two (a `}` closing the declaration's block means the
 * holder is out of scope at the exit) and the last code character before
 * the exit, which says whether the exit is a statement of its own (after
 * `;`, `{`, `}` or a label) or the lone body of an `if`/`else`/loop (after
 * `)` or `else`), which needs braces around the release and the exit.
 */
#include "fix.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { STMT_MAX_BYTES = 4096 };

static bool is_ident(char c) {
  return c == '_' || isalnum((unsigned char)c);
}

static bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static bool loc_offset(const SourceFile *f, Loc l, size_t *off) {
  if (!f->text || l.line < 1 || l.line > f->nlines || l.col < 1) return false;
  *off = (size_t)(f->lines[l.line - 1] - f->text) + (size_t)(l.col - 1);
  return *off <= f->len;
}

static void offset_loc(const SourceFile *f, size_t off, int *line, int *col) {
  int lo = 0, hi = f->nlines - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    if ((size_t)(f->lines[mid] - f->text) <= off)
      lo = mid;
    else
      hi = mid - 1;
  }
  *line = lo + 1;
  *col = (int)(off - (size_t)(f->lines[lo] - f->text)) + 1;
}

typedef enum { LX_CODE, LX_LINE_COMMENT, LX_BLOCK_COMMENT, LX_STRING, LX_CHAR } LexState;

/* Advances the lexer over text[i]; returns whether that byte is code. */
static bool lex_step(const char *t, size_t len, size_t *i, LexState *st) {
  char c = t[*i], n = *i + 1 < len ? t[*i + 1] : 0;
  switch (*st) {
  case LX_CODE:
    if (c == '/' && n == '/') {
      *st = LX_LINE_COMMENT;
      (*i)++;
      return false;
    }
    if (c == '/' && n == '*') {
      *st = LX_BLOCK_COMMENT;
      (*i)++;
      return false;
    }
    if (c == '"') *st = LX_STRING;
    if (c == '\'') *st = LX_CHAR;
    return true;
  case LX_LINE_COMMENT:
    if (c == '\n') *st = LX_CODE;
    return false;
  case LX_BLOCK_COMMENT:
    if (c == '*' && n == '/') {
      *st = LX_CODE;
      (*i)++;
    }
    return false;
  case LX_STRING:
  case LX_CHAR:
    if (c == '\\')
      (*i)++;
    else if ((c == '"' && *st == LX_STRING) || (c == '\'' && *st == LX_CHAR) || c == '\n')
      *st = LX_CODE;
    return true;
  }
  return false;
}

/* Between the declaration and the exit: is the holder still in scope, and
   where is the last code character before the exit. */
static bool scan_to_exit(const SourceFile *f, size_t from, size_t to, size_t *prev) {
  LexState st = LX_CODE;
  int depth = 0;
  bool have = false;
  for (size_t i = from; i < to; i++) {
    size_t at = i;
    if (!lex_step(f->text, f->len, &i, &st)) continue;
    char c = f->text[at];
    if (isspace((unsigned char)c)) continue;
    *prev = at;
    have = true;
    if (st != LX_CODE) continue; /* inside a literal */
    if (c == '{') depth++;
    if (c == '}' && --depth < 0) return false;
  }
  return have && st == LX_CODE;
}

/* The offset just past the `;` ending the statement at `from`, or 0. */
static size_t statement_end(const SourceFile *f, size_t from) {
  LexState st = LX_CODE;
  int parens = 0;
  for (size_t i = from; i < f->len && i < from + STMT_MAX_BYTES; i++) {
    size_t at = i;
    LexState before = st;
    if (!lex_step(f->text, f->len, &i, &st) || before != LX_CODE) continue;
    char c = f->text[at];
    if (c == '(') parens++;
    if (c == ')') parens--;
    if (c == '{' || c == '}') return 0;
    if (c == ';' && parens == 0) return at + 1;
  }
  return 0;
}

static bool starts_keyword(const SourceFile *f, size_t off, const char *kw) {
  size_t n = strlen(kw);
  return off + n < f->len && strncmp(f->text + off, kw, n) == 0 && !is_ident(f->text[off + n]);
}

static const char *indent_of(Arena *a, const SourceFile *f, int line) {
  const char *s = f->lines[line - 1], *e = s;
  while (e < f->text + f->len && is_blank(*e))
    e++;
  return arena_strndup(a, s, (size_t)(e - s));
}

static void add_edit(const SourceFile *f, Fix *out, size_t off, const char *text) {
  FixEdit *e = &out->edits[out->nedits++];
  e->offset = off;
  e->text = text;
  offset_loc(f, off, &e->line, &e->col);
}

static bool make_one(const FixSite *s, const SourceFile *f, Arena *a, Fix *out) {
  size_t decl, exit;
  if (!f->text || !s->holder_decl.file || !s->exit.file ||
      strcmp(s->holder_decl.file, s->exit.file) != 0 || !loc_offset(f, s->holder_decl, &decl) ||
      !loc_offset(f, s->exit, &exit) || decl >= exit)
    return false;
  /* Spelled right here: an exit produced by a macro is someone else's. */
  const char *kw = s->exit_kind == FIX_EXIT_GOTO ? "goto" : "return";
  if (!starts_keyword(f, exit, kw)) return false;
  size_t prev = 0;
  if (!scan_to_exit(f, decl, exit, &prev)) return false;
  size_t end = statement_end(f, exit);
  if (!end) return false;
  char pc = f->text[prev];
  bool own_stmt = pc == ';' || pc == '{' || pc == '}' || pc == ':';
  bool lone_body = pc == ')' || (prev >= 3 && strncmp(f->text + prev - 3, "else", 4) == 0 &&
                                 (prev == 3 || !is_ident(f->text[prev - 4])));
  if (!own_stmt && !lone_body) return false;
  size_t line_start = (size_t)(f->lines[s->exit.line - 1] - f->text);
  bool first_on_line = true;
  for (size_t i = line_start; i < exit && first_on_line; i++)
    first_on_line = is_blank(f->text[i]);
  const char *call = arena_printf(a, "%s(%s);", s->release, s->holder);
  const char *indent = indent_of(a, f, s->exit.line);

  memset(out, 0, sizeof *out);
  out->file = s->exit.file;
  out->site = s;
  out->title = arena_printf(a, "insert '%s' before the %s at line %d", call, kw, s->exit.line);
  int prev_line, prev_col;
  offset_loc(f, prev, &prev_line, &prev_col);
  if (own_stmt && first_on_line) {
    add_edit(f, out, line_start, arena_printf(a, "%s%s\n", indent, call));
  } else if (own_stmt) {
    add_edit(f, out, exit, arena_printf(a, "%s ", call));
  } else if (first_on_line && prev_line < s->exit.line) {
    add_edit(f, out, prev + 1, " {");
    add_edit(f, out, line_start, arena_printf(a, "%s%s\n", indent, call));
    add_edit(f, out, end, arena_printf(a, "\n%s}", indent_of(a, f, prev_line)));
  } else {
    add_edit(f, out, exit, arena_printf(a, "{ %s ", call));
    add_edit(f, out, end, " }");
  }
  return true;
}

bool fix_make(const Finding *f, const SourceFile *src, Arena *a, Fix *out) {
  for (int i = 0; i < f->nfixes; i++)
    if (make_one(&f->fixes[i], src, a, out)) return true;
  return false;
}

/* ---- The diff ------------------------------------------------------------- */

typedef struct LineEdit {
  int line;
  const FixEdit *e;
} LineEdit;

static int edit_order(const void *pa, const void *pb) {
  const FixEdit *a = *(const FixEdit *const *)pa, *b = *(const FixEdit *const *)pb;
  if (a->offset != b->offset) return a->offset < b->offset ? -1 : 1;
  return a < b ? -1 : a > b;
}

/* Line n's text with its terminator ("\n", "\r\n" or none at the end). */
static void line_span(const SourceFile *f, int n, size_t *start, size_t *body, size_t *end) {
  *start = (size_t)(f->lines[n - 1] - f->text);
  size_t e = n < f->nlines ? (size_t)(f->lines[n] - f->text) : f->len;
  *end = e;
  size_t b = e;
  if (b > *start && f->text[b - 1] == '\n') b--;
  if (b > *start && f->text[b - 1] == '\r') b--;
  *body = b;
}

static void put_line(Arena *a, Buf *out, char tag, const char *s, size_t n, const char *term) {
  buf_putc(a, out, tag);
  buf_puts(a, out, arena_strndup(a, s, n));
  if (*term) {
    buf_puts(a, out, term);
  } else {
    buf_puts(a, out, "\n\\ No newline at end of file\n");
  }
}

/* Line n rewritten with its edits, split into lines (with terminators). */
static int rewrite_line(Arena *a, const SourceFile *f, int n, FixEdit **edits, int ne,
                        const char ***lines) {
  size_t start, body, end;
  line_span(f, n, &start, &body, &end);
  Buf b = {0};
  size_t at = start;
  for (int i = 0; i < ne; i++) {
    buf_puts(a, &b, arena_strndup(a, f->text + at, edits[i]->offset - at));
    buf_puts(a, &b, edits[i]->text);
    at = edits[i]->offset;
  }
  buf_puts(a, &b, arena_strndup(a, f->text + at, body - at));
  const char *s = buf_str(a, &b);
  int cnt = 1;
  for (const char *p = s; *p; p++)
    cnt += *p == '\n';
  *lines = ARENA_ARRAY(a, const char *, cnt);
  int k = 0;
  for (const char *p = s;;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    (*lines)[k++] = arena_strndup(a, p, len);
    if (!nl) break;
    p = nl + 1;
  }
  return k;
}

static const char *diff_path(Arena *a, const char *file) {
  char cwd[4096];
  if (file[0] == '/' && getcwd(cwd, sizeof cwd)) {
    size_t n = strlen(cwd);
    if (strncmp(file, cwd, n) == 0 && file[n] == '/') return file + n + 1;
  }
  while (strncmp(file, "./", 2) == 0)
    file += 2;
  return arena_strdup(a, file);
}

static void diff_file(Arena *a, const SourceFile *f, FixEdit **edits, int ne, Buf *out) {
  qsort(edits, (size_t)ne, sizeof *edits, edit_order);
  const char *path = diff_path(a, f->path);
  buf_printf(a, out, "--- a/%s\n+++ b/%s\n", path, path);
  int delta = 0; /* lines added so far */
  for (int i = 0; i < ne;) {
    /* A hunk: changed lines no more than 6 apart, with 3 lines of context. */
    int j = i;
    while (j + 1 < ne && edits[j + 1]->line - edits[j]->line <= 6)
      j++;
    int first = edits[i]->line - 3 < 1 ? 1 : edits[i]->line - 3;
    int last = edits[j]->line + 3 > f->nlines ? f->nlines : edits[j]->line + 3;
    Buf h = {0};
    int old_n = 0, new_n = 0;
    for (int n = first, k = i; n <= last; n++) {
      size_t start, body, end;
      line_span(f, n, &start, &body, &end);
      const char *term = arena_strndup(a, f->text + body, end - body);
      int m = 0;
      while (k + m <= j && edits[k + m]->line == n)
        m++;
      old_n++;
      if (!m) {
        put_line(a, &h, ' ', f->text + start, body - start, term);
        new_n++;
        continue;
      }
      const char **nl;
      int cnt = rewrite_line(a, f, n, &edits[k], m, &nl);
      k += m;
      const char *old = arena_strndup(a, f->text + start, body - start);
      /* Insertions around an unchanged line keep it as context. */
      int same = -1;
      for (int q = 0; q < cnt && same < 0; q++)
        if (strcmp(nl[q], old) == 0) same = q;
      if (same < 0) put_line(a, &h, '-', old, strlen(old), term);
      for (int q = 0; q < cnt; q++)
        put_line(a, &h, q == same ? ' ' : '+', nl[q], strlen(nl[q]),
                 q + 1 < cnt ? (*term ? term : "\n") : term);
      new_n += cnt;
    }
    buf_printf(a, out, "@@ -%d,%d +%d,%d @@\n", first, old_n, first + delta, new_n);
    buf_puts(a, out, buf_str(a, &h));
    delta += new_n - old_n;
    i = j + 1;
  }
}

int fix_diff(const FindingList *fl, SourceCache *sc, Arena *a, Buf *out, int *skipped) {
  *skipped = 0;
  int nfixes = 0;
  /* Findings are sorted by file; fixes are in the file of their exit, which
     is the finding's file, so one pass groups them. */
  const SourceFile *cur = NULL;
  Vec edits = {0}; /* FixEdit * of cur */
  Vec spans = {0}; /* Fix * accepted in cur */
  for (int i = 0; i <= fl->findings.len; i++) {
    const Finding *f = i < fl->findings.len ? fl->findings.data[i] : NULL;
    Fix *fix = NULL;
    const SourceFile *src = NULL;
    if (f && !f->suppressed && f->nfixes) {
      src = srccache_get(sc, f->fixes[0].exit.file);
      fix = ARENA_NEW(a, Fix);
      if (!fix_make(f, src, a, fix)) fix = NULL;
    }
    if ((!f || (fix && src != cur)) && cur && edits.len) {
      diff_file(a, cur, (FixEdit **)edits.data, edits.len, out);
      edits.len = spans.len = 0;
    }
    if (!fix) continue;
    cur = src;
    bool clash = false;
    for (int k = 0; k < spans.len && !clash; k++) {
      const Fix *o = spans.data[k];
      clash = fix->edits[0].offset <= o->edits[o->nedits - 1].offset &&
              o->edits[0].offset <= fix->edits[fix->nedits - 1].offset;
    }
    if (clash) {
      (*skipped)++;
      continue;
    }
    vec_push(a, &spans, fix);
    for (int k = 0; k < fix->nedits; k++)
      vec_push(a, &edits, &fix->edits[k]);
    nfixes++;
  }
  return nfixes;
}
