/*
 * finding.c - the FindingList: a run's findings, owned by one arena.
 *
 * The engine builds findings out of IR memory that dies with its
 * translation unit, so findings_add copies every string and array into the
 * list's own arena. File names are copied once per list (interned), which
 * keeps a finding with a long path cheap and lets emitters group findings
 * by comparing pointers.
 */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

void findings_init(FindingList *fl) {
  memset(fl, 0, sizeof *fl);
  arena_init(&fl->arena);
}

void findings_free(FindingList *fl) {
  arena_free(&fl->arena);
  memset(fl, 0, sizeof *fl);
}

/* Few files per run and findings cluster by file, so a backwards linear
   scan finds the name almost at once. */
static const char *intern_file(FindingList *fl, const char *file) {
  if (!file) return NULL;
  for (int i = fl->files.len - 1; i >= 0; i--)
    if (fl->files.data[i] == file || strcmp(fl->files.data[i], file) == 0) return fl->files.data[i];
  char *copy = arena_strdup(&fl->arena, file);
  vec_push(&fl->arena, &fl->files, copy);
  return copy;
}

static Loc copy_loc(FindingList *fl, Loc l) {
  l.file = intern_file(fl, l.file);
  return l;
}

Finding *findings_add(FindingList *fl, const Finding *f) {
  Arena *a = &fl->arena;
  Finding *c = ARENA_NEW(a, Finding);
  *c = *f;
  c->rule_id = arena_strdup(a, f->rule_id);
  c->kind_id = arena_strdup(a, f->kind_id);
  c->kind_desc = arena_strdup(a, f->kind_desc);
  c->family = arena_strdup(a, f->family);
  c->func = arena_strdup(a, f->func);
  c->loc = copy_loc(fl, f->loc);
  c->message = arena_strdup(a, f->message);
  c->acq_loc = copy_loc(fl, f->acq_loc);
  c->acq_text = arena_strdup(a, f->acq_text);
  c->suppress_reason = arena_strdup(a, f->suppress_reason);
  c->fingerprint = arena_strdup(a, f->fingerprint);
  c->leak_points = NULL;
  c->nleak_points = f->nleak_points > 0 ? f->nleak_points : 0;
  if (c->nleak_points) {
    c->leak_points = ARENA_ARRAY(a, Loc, c->nleak_points);
    for (int i = 0; i < c->nleak_points; i++)
      c->leak_points[i] = copy_loc(fl, f->leak_points[i]);
  }
  c->steps = NULL;
  c->nsteps = f->nsteps > 0 ? f->nsteps : 0;
  if (c->nsteps) {
    c->steps = ARENA_ARRAY(a, PathStep, c->nsteps);
    for (int i = 0; i < c->nsteps; i++) {
      c->steps[i].loc = copy_loc(fl, f->steps[i].loc);
      c->steps[i].msg = arena_strdup(a, f->steps[i].msg);
    }
  }
  c->func_loc = copy_loc(fl, f->func_loc);
  c->acq_path = arena_strdup(a, f->acq_path);
  c->faults = NULL;
  c->nfaults = f->nfaults > 0 ? f->nfaults : 0;
  if (c->nfaults) {
    c->faults = ARENA_ARRAY(a, FaultStep, c->nfaults);
    for (int i = 0; i < c->nfaults; i++) {
      c->faults[i] = f->faults[i];
      c->faults[i].loc = copy_loc(fl, f->faults[i].loc);
      c->faults[i].callee = arena_strdup(a, f->faults[i].callee);
    }
  }
  c->confirmation = arena_strdup(a, f->confirmation);
  c->confirm_evidence = arena_strdup(a, f->confirm_evidence);
  c->fixes = NULL;
  c->nfixes = f->nfixes > 0 ? f->nfixes : 0;
  if (c->nfixes) {
    c->fixes = ARENA_ARRAY(a, FixSite, c->nfixes);
    for (int i = 0; i < c->nfixes; i++) {
      FixSite *x = &c->fixes[i];
      *x = f->fixes[i];
      x->release = arena_strdup(a, x->release);
      x->holder = arena_strdup(a, x->holder);
      x->holder_decl = copy_loc(fl, x->holder_decl);
      x->exit = copy_loc(fl, x->exit);
      x->leak_point = copy_loc(fl, x->leak_point);
    }
  }
  vec_push(a, &fl->findings, c);
  return c;
}

void findings_note(FindingList *fl, Loc loc, const char *msg) {
  Note *n = ARENA_NEW(&fl->arena, Note);
  n->loc = copy_loc(fl, loc);
  n->msg = arena_strdup(&fl->arena, msg);
  vec_push(&fl->arena, &fl->notes, n);
}

void findings_merge(FindingList *to, const FindingList *from) {
  for (int i = 0; i < from->findings.len; i++)
    findings_add(to, from->findings.data[i]);
  for (int i = 0; i < from->notes.len; i++) {
    const Note *n = from->notes.data[i];
    findings_note(to, n->loc, n->msg);
  }
}

/* NULL sorts first so that file-less notes (whole-run problems) lead. */
static int cmp_str(const char *a, const char *b) {
  if (a == b) return 0;
  if (!a) return -1;
  if (!b) return 1;
  return strcmp(a, b);
}

static int cmp_loc(Loc a, Loc b) {
  int c = cmp_str(a.file, b.file);
  if (c) return c;
  if (a.line != b.line) return a.line < b.line ? -1 : 1;
  if (a.col != b.col) return a.col < b.col ? -1 : 1;
  return 0;
}

static int cmp_finding(const void *pa, const void *pb) {
  const Finding *a = *(const Finding *const *)pa;
  const Finding *b = *(const Finding *const *)pb;
  int c;
  if ((c = cmp_loc(a->loc, b->loc)) || (c = cmp_str(a->rule_id, b->rule_id)) ||
      (c = cmp_str(a->message, b->message)) || (c = cmp_loc(a->acq_loc, b->acq_loc)) ||
      (c = cmp_str(a->func, b->func)))
    return c;
  return 0;
}

static int cmp_note(const void *pa, const void *pb) {
  const Note *a = *(const Note *const *)pa;
  const Note *b = *(const Note *const *)pb;
  int c = cmp_loc(a->loc, b->loc);
  return c ? c : cmp_str(a->msg, b->msg);
}

/* Sorts v with cmp, then drops every element equal to its predecessor. */
static void sort_unique(Vec *v, int (*cmp)(const void *, const void *)) {
  if (v->len < 2) return;
  qsort(v->data, (size_t)v->len, sizeof(void *), cmp);
  int n = 1;
  for (int i = 1; i < v->len; i++)
    if (cmp(&v->data[n - 1], &v->data[i]) != 0) v->data[n++] = v->data[i];
  v->len = n;
}

void findings_sort(FindingList *fl) {
  sort_unique(&fl->findings, cmp_finding);
  sort_unique(&fl->notes, cmp_note);
}

int findings_count_active(const FindingList *fl) {
  int n = 0;
  for (int i = 0; i < fl->findings.len; i++)
    n += !((const Finding *)fl->findings.data[i])->suppressed;
  return n;
}

const char *finding_rule_id(FindingKind k) {
  switch (k) {
  case FIND_LOST_REFERENCE: return "connlint-lost-reference";
  case FIND_IGNORED_RESULT: return "connlint-ignored-result";
  case FIND_MISMATCH: return "connlint-mismatched-release";
  case FIND_DOUBLE_RELEASE: return "connlint-double-release";
  case FIND_LEAK:
  case FIND_LOCK_HELD: break;
  }
  return NULL;
}
