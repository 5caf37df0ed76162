/*
 * suppress.c - reading `connlint: ignore` comments (see suppress.h).
 *
 * A line is lexed just enough to tell comments from code: string and
 * character literals are skipped so that "// connlint: ignore" inside a
 * string suppresses nothing. A line that starts inside a block comment
 * cannot be recognized from the line alone; a leading `*` (the usual
 * continuation of a block comment) is accepted as comment text above a
 * finding.
 */
#include "suppress.h"

#include <string.h>

static const char DIRECTIVE[] = "connlint:";

static bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static bool is_id_char(char c) {
  return c == '-' || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

static const char *trim(Arena *a, const char *s, const char *e) {
  while (s < e && (is_blank(*s) || *s == ':' || *s == '-'))
    s++;
  while (e > s && is_blank(e[-1]))
    e--;
  return arena_strndup(a, s, (size_t)(e - s));
}

/* Parses the directive whose text runs from s (just after "connlint:") to
   e, the end of the comment. */
static void parse_directive(Arena *a, const char *s, const char *e, Suppression *out) {
  while (s < e && is_blank(*s))
    s++;
  const char *w = s;
  while (s < e && is_id_char(*s))
    s++;
  if (s - w != 6 || strncmp(w, "ignore", 6) != 0) {
    out->error =
        arena_printf(a, "unknown connlint directive '%.*s' (expected 'ignore')", (int)(s - w), w);
    return;
  }
  if (s < e && *s == '[') {
    const char *close = memchr(s, ']', (size_t)(e - s));
    if (!close) {
      out->error = "unterminated rule list in connlint: ignore[...]";
      return;
    }
    Vec ids = {0};
    for (const char *p = s + 1; p <= close;) {
      while (p < close && is_blank(*p))
        p++;
      const char *id = p;
      while (p < close && is_id_char(*p))
        p++;
      const char *id_end = p;
      while (p < close && is_blank(*p))
        p++;
      if (id == id_end || (p < close && *p != ',')) {
        out->error = "expected rule ids separated by commas in connlint: ignore[...]";
        return;
      }
      vec_push(a, &ids, arena_strndup(a, id, (size_t)(id_end - id)));
      p++; /* the comma, or past the bracket */
    }
    out->rules = (const char **)ids.data;
    out->nrules = ids.len;
    s = close + 1;
  } else if (s < e && !is_blank(*s)) {
    out->error = "expected '[' or a space after 'connlint: ignore'";
    return;
  }
  out->reason = trim(a, s, e);
}

/* Finds "connlint:" in the comment text [s, e) and parses it. */
static bool scan_comment(Arena *a, const char *line, const char *s, const char *e,
                         Suppression *out) {
  size_t n = sizeof DIRECTIVE - 1;
  for (const char *p = s; p + n <= e; p++) {
    if (memcmp(p, DIRECTIVE, n) == 0) {
      memset(out, 0, sizeof *out);
      out->reason = "";
      out->col = (int)(p - line) + 1;
      parse_directive(a, p + n, e, out);
      return true;
    }
  }
  return false;
}

bool suppress_scan_line(Arena *a, const char *line, size_t len, bool own_line, Suppression *out) {
  const char *p = line, *end = line + len;
  while (p < end && is_blank(*p))
    p++;
  if (own_line) {
    bool comment = end - p >= 2 && p[0] == '/' && (p[1] == '/' || p[1] == '*');
    if (!comment && p < end && *p == '*') /* inside a block comment */
      return scan_comment(a, line, p + 1, end, out);
    if (!comment) return false;
  }
  while (p < end) {
    char c = *p;
    if (c == '"' || c == '\'') {
      for (p++; p < end && *p != c; p++)
        if (*p == '\\') p++;
      p++;
    } else if (c == '/' && p + 1 < end && p[1] == '/') {
      return scan_comment(a, line, p + 2, end, out);
    } else if (c == '/' && p + 1 < end && p[1] == '*') {
      const char *body = p + 2, *close = body;
      while (close + 1 < end && !(close[0] == '*' && close[1] == '/'))
        close++;
      if (close + 1 >= end) close = end;
      if (scan_comment(a, line, body, close, out)) return true;
      p = close + 2;
    } else {
      p++;
    }
  }
  return false;
}

bool suppression_covers(const Suppression *s, const char *rule_id) {
  if (s->error) return false;
  if (!s->rules) return true;
  if (!rule_id) return false;
  size_t np = strlen("connlint-");
  for (int i = 0; i < s->nrules; i++) {
    const char *r = s->rules[i];
    if (strcmp(r, rule_id) == 0 ||
        (strncmp(rule_id, "connlint-", np) == 0 && strcmp(r, rule_id + np) == 0))
      return true;
  }
  return false;
}

static bool has_note(const FindingList *fl, Loc loc, const char *msg) {
  for (int i = 0; i < fl->notes.len; i++) {
    const Note *n = fl->notes.data[i];
    if (n->loc.line == loc.line && n->loc.col == loc.col && n->loc.file && loc.file &&
        strcmp(n->loc.file, loc.file) == 0 && strcmp(n->msg, msg) == 0)
      return true;
  }
  return false;
}

/* Checks one line for a directive covering f; reports a malformed one. */
static bool covered_by_line(FindingList *fl, SourceFile *src, Finding *f, int line, bool own_line) {
  size_t len;
  const char *text = srcfile_line(src, line, &len);
  Suppression s;
  if (!text || !suppress_scan_line(&fl->arena, text, len, own_line, &s)) return false;
  if (s.error) {
    Loc at = {f->loc.file, line, s.col};
    if (!has_note(fl, at, s.error)) findings_note(fl, at, s.error);
    return false;
  }
  if (!suppression_covers(&s, f->rule_id)) return false;
  f->suppressed = true;
  f->suppress_reason = s.reason;
  return true;
}

int suppress_apply(FindingList *fl, SourceCache *sc) {
  int n = 0;
  for (int i = 0; i < fl->findings.len; i++) {
    Finding *f = fl->findings.data[i];
    if (f->suppressed || !f->loc.file || f->loc.line < 1) continue;
    SourceFile *src = srccache_get(sc, f->loc.file);
    if (covered_by_line(fl, src, f, f->loc.line, false) ||
        covered_by_line(fl, src, f, f->loc.line - 1, true))
      n++;
  }
  return n;
}
