/*
 * text.c - findings and notes as text, for a cache entry.
 *
 * One line per finding, then one for where the acquisition puts its
 * resource, then one per leak point, path step, fix site and fault step;
 * every string is a token (cache_int.h), so messages may hold any byte.
 * Everything the engine sets on a Finding is written (what later stages
 * set, suppressions, fingerprints, confirmation, is computed again on every
 * run). Reading rebuilds each Finding through findings_add, which copies it
 * into the list's arena as the engine's findings are.
 */
#include "cache_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tok_put(Arena *a, Buf *out, const char *s) {
  if (!s) {
    buf_putc(a, out, '~');
    return;
  }
  buf_putc(a, out, '=');
  for (; *s; s++) {
    if (*s == ' ' || *s == '%' || *s == '\n' || *s == '\t' || *s == '\r')
      buf_printf(a, out, "%%%02x", (unsigned char)*s);
    else
      buf_putc(a, out, *s);
  }
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

const char *tok_get(Arena *a, const char *t, bool *ok) {
  if (strcmp(t, "~") == 0) return NULL;
  if (t[0] != '=') {
    *ok = false;
    return NULL;
  }
  char *s = arena_strdup(a, t + 1), *w = s;
  for (const char *p = t + 1; *p; p++) {
    if (*p != '%') {
      *w++ = *p;
      continue;
    }
    int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
    if (lo < 0) {
      *ok = false;
      return NULL;
    }
    *w++ = (char)(hi * 16 + lo);
    p += 2;
  }
  *w = '\0';
  return s;
}

/* The next line of *p (modified in place), NULL at the end. */
char *next_line(char **p) {
  if (!**p) return NULL;
  char *s = *p, *e = strchr(s, '\n');
  if (e) {
    *e = '\0';
    *p = e + 1;
  } else {
    *p = s + strlen(s);
  }
  return s;
}

int tok_split(char *line, char **tok, int max) {
  int n = 0;
  for (char *p = line; *p;) {
    while (*p == ' ')
      p++;
    if (!*p) break;
    if (n == max) return max + 1; /* too many: the caller's shapes never match */
    tok[n++] = p;
    while (*p && *p != ' ')
      p++;
    if (*p) *p++ = '\0';
  }
  return n;
}

static void put_loc(Arena *a, Buf *out, Loc l) {
  buf_putc(a, out, ' ');
  tok_put(a, out, l.file);
  buf_printf(a, out, " %d %d", l.line, l.col);
}

void cache_findings_write(const FindingList *fl, Buf *out, Arena *a) {
  for (int i = 0; i < fl->findings.len; i++) {
    const Finding *f = fl->findings.data[i];
    buf_printf(a, out, "finding %d ", (int)f->kind);
    const char *strs[] = {f->rule_id, f->kind_id, f->kind_desc, f->family};
    for (int k = 0; k < 4; k++) {
      tok_put(a, out, strs[k]);
      buf_putc(a, out, ' ');
    }
    buf_printf(a, out, "%d ", f->cwe);
    tok_put(a, out, f->func);
    put_loc(a, out, f->loc);
    buf_putc(a, out, ' ');
    tok_put(a, out, f->message);
    put_loc(a, out, f->acq_loc);
    buf_putc(a, out, ' ');
    tok_put(a, out, f->acq_text);
    buf_printf(a, out, " %d %d %d %d\n", f->nleak_points, f->nsteps, f->nfixes, f->nfaults);
    buf_puts(a, out, "acq");
    put_loc(a, out, f->func_loc);
    buf_printf(a, out, " %d ", f->acq_arg);
    tok_put(a, out, f->acq_path);
    buf_printf(a, out, " %d %d %ld\n", f->acq_always, (int)f->acq_op, f->acq_value);
    for (int k = 0; k < f->nleak_points; k++) {
      buf_puts(a, out, "leak");
      put_loc(a, out, f->leak_points[k]);
      buf_putc(a, out, '\n');
    }
    for (int k = 0; k < f->nsteps; k++) {
      buf_puts(a, out, "step");
      put_loc(a, out, f->steps[k].loc);
      buf_putc(a, out, ' ');
      tok_put(a, out, f->steps[k].msg);
      buf_putc(a, out, '\n');
    }
    for (int k = 0; k < f->nfixes; k++) {
      const FixSite *x = &f->fixes[k];
      buf_printf(a, out, "fix %d ", (int)x->exit_kind);
      tok_put(a, out, x->release);
      buf_putc(a, out, ' ');
      tok_put(a, out, x->holder);
      put_loc(a, out, x->holder_decl);
      put_loc(a, out, x->exit);
      put_loc(a, out, x->leak_point);
      buf_putc(a, out, '\n');
    }
    for (int k = 0; k < f->nfaults; k++) {
      const FaultStep *x = &f->faults[k];
      buf_puts(a, out, "fault");
      put_loc(a, out, x->loc);
      buf_putc(a, out, ' ');
      tok_put(a, out, x->callee);
      buf_printf(a, out, " %d %ld %d %d %ld %d\n", (int)x->op, x->value, x->pointer, x->injectable,
                 x->fail_value, x->fail_errno);
    }
  }
  for (int i = 0; i < fl->notes.len; i++) {
    const Note *n = fl->notes.data[i];
    buf_puts(a, out, "note");
    put_loc(a, out, n->loc);
    buf_putc(a, out, ' ');
    tok_put(a, out, n->msg);
    buf_putc(a, out, '\n');
  }
}

static Loc get_loc(Arena *a, char **t, bool *ok) {
  Loc l = {tok_get(a, t[0], ok), atoi(t[1]), atoi(t[2])};
  return l;
}

/* One finding from its line t[0..20) and the acq, leak, step, fix and
   fault lines after it. */
static bool read_finding(FindingList *fl, Arena *a, char **t, char **p) {
  bool ok = true;
  Finding f = {0};
  f.kind = (FindingKind)atoi(t[1]);
  f.rule_id = tok_get(a, t[2], &ok);
  f.kind_id = tok_get(a, t[3], &ok);
  f.kind_desc = tok_get(a, t[4], &ok);
  f.family = tok_get(a, t[5], &ok);
  f.cwe = atoi(t[6]);
  f.func = tok_get(a, t[7], &ok);
  f.loc = get_loc(a, &t[8], &ok);
  f.message = tok_get(a, t[11], &ok);
  f.acq_loc = get_loc(a, &t[12], &ok);
  f.acq_text = tok_get(a, t[15], &ok);
  f.nleak_points = atoi(t[16]);
  f.nsteps = atoi(t[17]);
  f.nfixes = atoi(t[18]);
  f.nfaults = atoi(t[19]);
  if (!ok || f.nleak_points < 0 || f.nsteps < 0 || f.nfixes < 0 || f.nfaults < 0 ||
      f.nleak_points > 100000 || f.nsteps > 100000 || f.nfixes > 100000 || f.nfaults > 100000)
    return false;
  char *acq = next_line(p), *q[9];
  if (!acq || tok_split(acq, q, 9) != 9 || strcmp(q[0], "acq") != 0) return false;
  f.func_loc = get_loc(a, &q[1], &ok);
  f.acq_arg = atoi(q[4]);
  f.acq_path = tok_get(a, q[5], &ok);
  f.acq_always = atoi(q[6]) != 0;
  f.acq_op = (CmpOp)atoi(q[7]);
  f.acq_value = strtol(q[8], NULL, 10);
  f.faults = ARENA_ARRAY(a, FaultStep, f.nfaults + 1);
  f.fixes = ARENA_ARRAY(a, FixSite, f.nfixes + 1);
  f.leak_points = ARENA_ARRAY(a, Loc, f.nleak_points + 1);
  f.steps = ARENA_ARRAY(a, PathStep, f.nsteps + 1);
  for (int k = 0; k < f.nleak_points + f.nsteps; k++) {
    char *line = next_line(p), *u[6];
    if (!line) return false;
    int n = tok_split(line, u, 6);
    if (k < f.nleak_points && n == 4 && strcmp(u[0], "leak") == 0)
      f.leak_points[k] = get_loc(a, &u[1], &ok);
    else if (k >= f.nleak_points && n == 5 && strcmp(u[0], "step") == 0) {
      PathStep *s = &f.steps[k - f.nleak_points];
      s->loc = get_loc(a, &u[1], &ok);
      s->msg = tok_get(a, u[4], &ok);
    } else
      return false;
  }
  for (int k = 0; k < f.nfixes; k++) {
    char *line = next_line(p), *u[14];
    if (!line || tok_split(line, u, 14) != 13 || strcmp(u[0], "fix") != 0) return false;
    FixSite *x = &f.fixes[k];
    x->exit_kind = (FixExitKind)atoi(u[1]);
    x->release = tok_get(a, u[2], &ok);
    x->holder = tok_get(a, u[3], &ok);
    x->holder_decl = get_loc(a, &u[4], &ok);
    x->exit = get_loc(a, &u[7], &ok);
    x->leak_point = get_loc(a, &u[10], &ok);
  }
  for (int k = 0; k < f.nfaults; k++) {
    char *line = next_line(p), *u[12];
    if (!line || tok_split(line, u, 12) != 11 || strcmp(u[0], "fault") != 0) return false;
    FaultStep *x = &f.faults[k];
    x->loc = get_loc(a, &u[1], &ok);
    x->callee = tok_get(a, u[4], &ok);
    x->op = (CmpOp)atoi(u[5]);
    x->value = strtol(u[6], NULL, 10);
    x->pointer = atoi(u[7]) != 0;
    x->injectable = atoi(u[8]) != 0;
    x->fail_value = strtol(u[9], NULL, 10);
    x->fail_errno = atoi(u[10]);
  }
  if (!ok || !f.rule_id || !f.message) return false;
  findings_add(fl, &f);
  return true;
}

int cache_findings_read(FindingList *fl, const char *text) {
  Arena a;
  arena_init(&a);
  char *p = arena_strdup(&a, text), *line;
  bool ok = true;
  while (ok && (line = next_line(&p))) {
    char *t[21];
    int n = tok_split(line, t, 21);
    if (n == 20 && strcmp(t[0], "finding") == 0) {
      ok = read_finding(fl, &a, t, &p);
    } else if (n == 5 && strcmp(t[0], "note") == 0) {
      Loc l = get_loc(&a, &t[1], &ok);
      const char *msg = tok_get(&a, t[4], &ok);
      if (ok) findings_note(fl, l, msg ? msg : "");
    } else {
      ok = false;
    }
  }
  arena_free(&a);
  return ok ? 0 : -1;
}
