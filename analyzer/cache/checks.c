/*
 * checks.c - what checking the rules against a unit found, kept with the
 * unit's entry: the warnings of rules_check_unit (a rule naming arg2 of a
 * function declared with one parameter) and the rules its calls matched
 * (for --check-rules). Both depend on the unit and the rule set alone, and
 * the rule set is part of the entry's key, so a reused unit gives what
 * parsing it would:
 *
 *   warn FILE LINE MSG
 *   match NAME
 *
 * Reading merges a unit's checks into the run's, in job order, each
 * warning once as the uncached run reports it.
 */
#include "cache_int.h"

#include <stdlib.h>
#include <string.h>

void cache_checks_write(const RuleSet *rs, const Unit *u, Buf *out, Arena *a) {
  Map seen = {0}, matched = {0};
  Vec w = {0};
  rules_check_unit(rs, u, a, &seen, &w);
  for (int i = 0; i < w.len; i++) {
    const RuleWarning *x = w.data[i];
    buf_puts(a, out, "warn ");
    tok_put(a, out, x->loc.file);
    buf_printf(a, out, " %d ", x->loc.line);
    tok_put(a, out, x->msg);
    buf_putc(a, out, '\n');
  }
  rules_note_matches(rs, u, a, &matched);
  for (int pass = 0; pass < 2; pass++) {
    FuncRule **fs = pass ? rs->patterns : rs->funcs;
    int n = pass ? rs->npatterns : rs->nfuncs;
    for (int i = 0; i < n; i++)
      if (rules_matched(&matched, fs[i])) {
        buf_puts(a, out, "match ");
        tok_put(a, out, fs[i]->name);
        buf_putc(a, out, '\n');
      }
  }
}

static void mark(const RuleSet *rs, Arena *a, Map *matched, const char *name) {
  for (int pass = 0; pass < 2; pass++) {
    FuncRule **fs = pass ? rs->patterns : rs->funcs;
    int n = pass ? rs->npatterns : rs->nfuncs;
    for (int i = 0; i < n; i++)
      if (strcmp(fs[i]->name, name) == 0) rules_note_match(a, matched, fs[i]);
  }
}

int cache_checks_read(const RuleSet *rs, const char *text, Arena *a, Map *seen, Vec *warnings,
                      Map *matched) {
  char *p = arena_strdup(a, text);
  bool ok = true;
  for (char *line = strtok_r(p, "\n", &p); line && ok; line = strtok_r(NULL, "\n", &p)) {
    char *t[5];
    int n = tok_split(line, t, 5);
    if (n == 4 && strcmp(t[0], "warn") == 0) {
      RuleWarning *w = ARENA_NEW(a, RuleWarning);
      w->loc.file = tok_get(a, t[1], &ok);
      w->loc.line = atoi(t[2]);
      w->msg = tok_get(a, t[3], &ok);
      if (!ok || !w->msg) return -1;
      const char *key =
          arena_printf(a, "%s:%d: %s", w->loc.file ? w->loc.file : "", w->loc.line, w->msg);
      if (map_get(seen, str_hash(key), key, str_eq)) continue;
      map_put(a, seen, str_hash(key), key, (void *)key, str_eq);
      vec_push(a, warnings, w);
    } else if (n == 2 && strcmp(t[0], "match") == 0) {
      const char *name = tok_get(a, t[1], &ok);
      if (!ok || !name) return -1;
      mark(rs, a, matched, name);
    } else {
      return -1;
    }
  }
  return 0;
}
