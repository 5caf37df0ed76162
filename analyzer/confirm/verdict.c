/*
 * verdict.c - reads the runtime's events and decides a finding's verdict.
 *
 * Events of one process are in one file, in order. For a finding, the
 * acquisitions at its site say whether it was reached; each leak-point
 * event ("at") says which of the values acquired in that activation were
 * still held there. A held value is a confirmed leak unless the same
 * process released it later (then it was handed over to whoever released
 * it: not a leak); a held lock is confirmed as it stands, because a lock
 * must be released before its function returns.
 */
#include "confirm_int.h"

#include "instrument.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int event_files(Arena *a, const char *dir, const char ***out) {
  DIR *d = opendir(dir);
  Vec v = {0};
  if (!d) {
    *out = NULL;
    return -1;
  }
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t n = strlen(e->d_name);
    if (n > 6 && strcmp(e->d_name + n - 6, ".jsonl") == 0)
      vec_push(a, &v, arena_printf(a, "%s/%s", dir, e->d_name));
  }
  closedir(d);
  if (v.len) qsort(v.data, (size_t)v.len, sizeof(void *), cmp_str);
  *out = (const char **)v.data;
  return v.len;
}

/* One process's events, in order; NULL when unreadable. */
static json_t *load(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  json_t *all = json_array();
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, f) > 0) {
    json_t *j = json_loads(line, 0, NULL);
    if (j) json_array_append_new(all, j);
  }
  free(line);
  fclose(f);
  return all;
}

static const char *str(json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? s : "";
}

static bool is(json_t *o, const char *ev) {
  return strcmp(str(o, "ev"), ev) == 0;
}

static const char *base(const char *p) {
  const char *s = p ? strrchr(p, '/') : NULL;
  return s ? s + 1 : p ? p : "?";
}

typedef struct Tally {
  int acq_events, counted, gone_events, gone_counted; /* events, and exit counts */
  bool have_counts;
  bool instrumented; /* a process ran a unit watching the site */
  int acquired, at_points, released_before, handed_over, faults;
  const char *confirmed; /* the evidence of the first confirmation */
  Buf fault_names;       /* "send() at line 44" */
} Tally;

/* The planned call a fault point names ("connlint/FP/44:7"). */
static void note_fault(Arena *a, Tally *t, const Finding *f, const char *point) {
  const char *lc = strrchr(point, '/');
  int line = 0, col = 0;
  if (!lc || sscanf(lc + 1, "%d:%d", &line, &col) != 2) return;
  const char *name = "a call";
  for (int i = 0; i < f->nfaults; i++)
    if (f->faults[i].loc.line == line && f->faults[i].loc.col == col) name = f->faults[i].callee;
  const char *s = arena_printf(a, "%s() at line %d", name, line);
  if (t->fault_names.len && strstr(buf_str(a, &t->fault_names), s)) return;
  buf_printf(a, &t->fault_names, "%s%s", t->fault_names.len ? ", " : "", s);
}

static void scan(Arena *a, const Finding *f, const char *key, json_t *evs, const char *proc,
                 Tally *t) {
  size_t n = json_array_size(evs);
  const char *prefix = arena_printf(a, "connlint/%s/", f->fingerprint ? f->fingerprint : "");
  for (size_t i = 0; i < n; i++) {
    json_t *e = json_array_get(evs, i);
    if (is(e, "fault") && strncmp(str(e, "point"), prefix, strlen(prefix)) == 0) {
      t->faults++;
      note_fault(a, t, f, str(e, "point"));
    }
    if (is(e, "acq") && strcmp(str(e, "site"), key) == 0) t->acq_events++;
    json_t *sites = is(e, "sites") ? json_object_get(e, "sites") : NULL;
    for (size_t k = 0; k < json_array_size(sites); k++) {
      const char *s = json_string_value(json_array_get(sites, k));
      if (s && strcmp(s, key) == 0) t->instrumented = true;
    }
    if (is(e, "count") && strcmp(str(e, "site"), key) == 0) {
      t->counted += (int)json_integer_value(json_object_get(e, "acquired"));
      t->gone_counted += (int)json_integer_value(json_object_get(e, "gone"));
      t->have_counts = true;
    }
    if (!is(e, "at") || strcmp(str(e, "site"), key) != 0) continue;
    t->at_points++;
    json_t *held = json_object_get(e, "held");
    bool scoped = json_integer_value(json_object_get(e, "scoped")) != 0;
    if (json_array_size(held) == 0) t->gone_events++;
    for (size_t k = 0; k < json_array_size(held); k++) {
      long long v = json_integer_value(json_array_get(held, k));
      bool later = false;
      for (size_t j = i + 1; !scoped && j < n && !later; j++) {
        json_t *r = json_array_get(evs, j);
        later = is(r, "rel") && json_integer_value(json_object_get(r, "val")) == v &&
                strcmp(str(r, "fam"), f->family ? f->family : "") == 0;
      }
      if (later) {
        t->handed_over++;
        continue;
      }
      if (t->confirmed) continue;
      const char *what = f->kind_desc ? f->kind_desc : "resource";
      t->confirmed =
          scoped
              ? arena_printf(a,
                             "%s: the %s locked at %s:%d was still held when %s() returned "
                             "at %s",
                             proc, what, base(f->acq_loc.file), f->acq_loc.line, f->func,
                             str(e, "point"))
              : arena_printf(a,
                             "%s: the %s acquired at %s:%d (%s) was still held when %s() left "
                             "at %s, and was never released",
                             proc, what, base(f->acq_loc.file), f->acq_loc.line,
                             v > 0xffff || v < -1 ? arena_printf(a, "%#llx", (unsigned long long)v)
                                                  : arena_printf(a, "value %lld", v),
                             f->func, str(e, "point"));
    }
  }
}

void verdict_of(Arena *a, const Finding *f, const char *const *files, int nfiles, const char *label,
                const char **verdict, const char **evidence) {
  const char *key = site_key(a, f->acq_loc.file, f->acq_loc.line, f->acq_loc.col);
  Tally t;
  memset(&t, 0, sizeof t);
  for (int i = 0; i < nfiles; i++) {
    json_t *evs = load(files[i]);
    if (!evs) continue;
    long pid = 0;
    const char *b = base(files[i]);
    const char *proc = sscanf(b, "rt-%ld.jsonl", &pid) == 1 ? arena_printf(a, "process %ld", pid)
                                                            : arena_printf(a, "events %s", b);
    Tally one;
    memset(&one, 0, sizeof one);
    one.fault_names = t.fault_names;
    scan(a, f, key, evs, proc, &one);
    json_decref(evs);
    /* A process that did not exit normally left no counts: its events
       (first acquisition, first release before a leak point) stand in. */
    t.acquired += one.have_counts ? one.counted : one.acq_events;
    t.released_before += one.have_counts ? one.gone_counted : one.gone_events;
    t.at_points += one.at_points;
    t.handed_over += one.handed_over;
    t.faults += one.faults;
    t.instrumented |= one.instrumented;
    t.fault_names = one.fault_names;
    if (!t.confirmed) t.confirmed = one.confirmed;
  }
  const char *faults =
      t.faults ? arena_printf(a, "; fault injected: %s (%d time%s)", buf_str(a, &t.fault_names),
                              t.faults, t.faults == 1 ? "" : "s")
               : "";
  if (t.confirmed) {
    *verdict = "confirmed";
    *evidence = arena_printf(a, "%s, %s%s", label, t.confirmed, faults);
  } else if (t.acquired) {
    *verdict = "not-confirmed";
    const char *times = arena_printf(a, "%d time%s", t.acquired, t.acquired == 1 ? "" : "s");
    if (t.at_points == 0)
      *evidence = arena_printf(a,
                               "%s: acquired %s, but %s() never left at %s:%d while holding it "
                               "(that path did not happen)%s",
                               label, times, f->func,
                               base(f->nleak_points ? f->leak_points[0].file : f->loc.file),
                               f->nleak_points ? f->leak_points[0].line : f->loc.line, faults);
    else
      *evidence = arena_printf(a,
                               "%s: acquired %s; at the leak points it was already released or "
                               "returned %d time%s and handed over (released later) %d time%s%s",
                               label, times, t.released_before, t.released_before == 1 ? "" : "s",
                               t.handed_over, t.handed_over == 1 ? "" : "s", faults);
  } else {
    *verdict = "not-reached";
    *evidence = arena_printf(a, "%s: the acquisition at %s:%d never ran%s%s", label,
                             base(f->acq_loc.file), f->acq_loc.line,
                             t.instrumented ? ""
                                            : " (no process ran code instrumented for it: was "
                                              "its unit built with connlint cc, and "
                                              "CONNLINT_CC_SOURCES set to its helpers' files?)",
                             faults);
  }
}
