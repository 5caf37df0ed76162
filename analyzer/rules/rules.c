/*
 * rules.c - the RuleSet: where parsed rules live and how the engine finds
 * them.
 *
 * A set grows one file at a time (rules_commit) and is then sorted once
 * (rules_finish) so that the engine's per-call lookups bisect. Function rules
 * are keyed by name; a later file's rule for the same name replaces the
 * earlier one, which is how a user file corrects a built-in pack. Names
 * ending in '*' are prefix patterns, consulted only when no exact name
 * matches, longest prefix first.
 *
 * Everything, the RuleSet header included, lives in one arena.
 */
#include "rules.h"
#include "rules_builtin.h"
#include "rules_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

RuleSet *rules_new(void) {
  /* The set lives in its own arena: copy the arena header into the set
     once allocated, and free through a copy of it. */
  Arena a;
  arena_init(&a);
  RuleSet *rs = ARENA_NEW(&a, RuleSet);
  rs->arena = a;
  return rs;
}

void rules_delete(RuleSet *rs) {
  if (!rs) return;
  Arena a = rs->arena;
  arena_free(&a);
}

/* ---- Adding a draft ----------------------------------------------------- */

static bool is_pattern(const char *name) {
  size_t n = strlen(name);
  return n > 0 && name[n - 1] == '*';
}

/* Replaces the rule named like r in arr[0..n), or returns false. */
static bool replace_rule(FuncRule **arr, int n, FuncRule *r) {
  for (int i = 0; i < n; i++) {
    if (strcmp(arr[i]->name, r->name) == 0) {
      arr[i] = r;
      return true;
    }
  }
  return false;
}

/* Appends the rules of `add` that did not replace one in *arr. */
static void merge_rules(Arena *a, FuncRule ***arr, int *n, FuncRule **add, int nadd) {
  FuncRule **out = ARENA_ARRAY(a, FuncRule *, *n + nadd);
  if (*n) memcpy(out, *arr, sizeof(FuncRule *) * (size_t)*n);
  int len = *n;
  for (int i = 0; i < nadd; i++)
    if (!replace_rule(out, len, add[i])) out[len++] = add[i];
  *arr = out;
  *n = len;
}

void rules_commit(RuleSet *rs, const RuleDraft *d) {
  Arena *a = &rs->arena;
  if (d->kinds.len) {
    ResKind **kinds = ARENA_ARRAY(a, ResKind *, rs->nkinds + d->kinds.len);
    if (rs->nkinds) memcpy(kinds, rs->kinds, sizeof(ResKind *) * (size_t)rs->nkinds);
    memcpy(kinds + rs->nkinds, d->kinds.data, sizeof(ResKind *) * (size_t)d->kinds.len);
    rs->kinds = kinds;
    rs->nkinds += d->kinds.len;
  }

  /* Split the draft's rules into exact names and patterns. */
  FuncRule **exact = ARENA_ARRAY(a, FuncRule *, d->funcs.len + 1);
  FuncRule **pats = ARENA_ARRAY(a, FuncRule *, d->funcs.len + 1);
  int nexact = 0, npats = 0;
  for (int i = 0; i < d->funcs.len; i++) {
    FuncRule *r = d->funcs.data[i];
    if (is_pattern(r->name))
      pats[npats++] = r;
    else
      exact[nexact++] = r;
  }
  if (nexact) merge_rules(a, &rs->funcs, &rs->nfuncs, exact, nexact);
  if (npats) merge_rules(a, &rs->patterns, &rs->npatterns, pats, npats);
  rs->sorted = false;
}

/* ---- Sorting and lookup ------------------------------------------------- */

static int cmp_rule_name(const void *x, const void *y) {
  const FuncRule *a = *(FuncRule *const *)x, *b = *(FuncRule *const *)y;
  return strcmp(a->name, b->name);
}

static int cmp_pattern(const void *x, const void *y) {
  const FuncRule *a = *(FuncRule *const *)x, *b = *(FuncRule *const *)y;
  size_t la = strlen(a->name), lb = strlen(b->name);
  if (la != lb) return la > lb ? -1 : 1;
  return strcmp(a->name, b->name);
}

void rules_finish(RuleSet *rs) {
  if (rs->nfuncs) qsort(rs->funcs, (size_t)rs->nfuncs, sizeof(FuncRule *), cmp_rule_name);
  if (rs->npatterns) qsort(rs->patterns, (size_t)rs->npatterns, sizeof(FuncRule *), cmp_pattern);
  rs->sorted = true;
}

const ResKind *rules_find_kind(const RuleSet *rs, const char *id) {
  for (int i = 0; i < rs->nkinds; i++)
    if (strcmp(rs->kinds[i]->id, id) == 0) return rs->kinds[i];
  return NULL;
}

const ResKind *rules_draft_kind(const RuleSet *rs, const RuleDraft *d, const char *id) {
  for (int i = 0; i < d->kinds.len; i++) {
    const ResKind *k = d->kinds.data[i];
    if (strcmp(k->id, id) == 0) return k;
  }
  return rules_find_kind(rs, id);
}

bool rules_family_known(const RuleSet *rs, const RuleDraft *d, const char *family) {
  for (int i = 0; i < d->kinds.len; i++)
    if (strcmp(((const ResKind *)d->kinds.data[i])->family, family) == 0) return true;
  for (int i = 0; i < rs->nkinds; i++)
    if (strcmp(rs->kinds[i]->family, family) == 0) return true;
  return false;
}

static const FuncRule *find_in(FuncRule *const *arr, int n, bool sorted, const char *name) {
  if (!sorted) {
    for (int i = 0; i < n; i++)
      if (strcmp(arr[i]->name, name) == 0) return arr[i];
    return NULL;
  }
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int c = strcmp(arr[mid]->name, name);
    if (c == 0) return arr[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

const FuncRule *rules_find_exact(const RuleSet *rs, const char *name) {
  if (is_pattern(name)) return find_in(rs->patterns, rs->npatterns, false, name);
  return find_in(rs->funcs, rs->nfuncs, rs->sorted, name);
}

const FuncRule *rules_find_func(const RuleSet *rs, const char *name) {
  const FuncRule *r = find_in(rs->funcs, rs->nfuncs, rs->sorted, name);
  if (r) return r;
  /* Sorted patterns come longest first, so the first match is the best;
     unsorted, keep looking for a longer one. */
  const FuncRule *best = NULL;
  size_t best_len = 0;
  for (int i = 0; i < rs->npatterns; i++) {
    const FuncRule *p = rs->patterns[i];
    size_t len = strlen(p->name) - 1;
    if (strncmp(p->name, name, len) != 0 || (best && len <= best_len)) continue;
    if (rs->sorted) return p;
    best = p;
    best_len = len;
  }
  return best;
}

bool rules_borrows_arg(const FuncRule *r, int i) {
  if (i < 0) return false;
  if (i < 32 && (r->escape_mask >> i) & 1u) return false;
  return r->borrow_all || (i < 32 && (r->borrow_mask >> i) & 1u);
}

/* ---- Loading ------------------------------------------------------------ */

static int file_error(RuleError *err, const char *file, const char *msg) {
  snprintf(err->file, sizeof err->file, "%s", file);
  err->line = 0;
  err->col = 0;
  snprintf(err->msg, sizeof err->msg, "%s", msg);
  return -1;
}

/* rules/pool.rules -> "pool" */
static const char *pack_from_path(Arena *a, const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  const char *ext = ".rules";
  size_t elen = strlen(ext);
  if (n > elen && strcmp(base + n - elen, ext) == 0) n -= elen;
  return arena_strndup(a, base, n);
}

int rules_load_file(RuleSet *rs, const char *path, const char *pack, RuleError *err) {
  FILE *f = fopen(path, "rb");
  if (!f) return file_error(err, path, strerror(errno));
  Arena scratch;
  arena_init(&scratch);
  Buf text = {0};
  char chunk[8192];
  size_t n;
  bool nul = false;
  while (!nul && (n = fread(chunk, 1, sizeof chunk - 1, f)) > 0) {
    nul = memchr(chunk, '\0', n) != NULL;
    chunk[n] = '\0';
    buf_puts(&scratch, &text, chunk);
  }
  int rc;
  if (ferror(f))
    rc = file_error(err, path, strerror(errno));
  else if (nul)
    rc = file_error(err, path, "not a rule file: it contains a NUL byte");
  else
    rc = rules_parse(rs, path, buf_str(&scratch, &text),
                     pack ? pack : pack_from_path(&scratch, path), err);
  fclose(f);
  arena_free(&scratch);
  return rc;
}

const char *const *rules_builtin_pack_names(void) {
  return builtin_pack_names;
}

bool rules_is_builtin(const FuncRule *r) {
  for (const BuiltinPack *p = builtin_packs; p->name; p++)
    if (strcmp(p->name, r->pack) == 0 && r->loc.file && strcmp(p->file, r->loc.file) == 0)
      return true;
  return false;
}

int rules_load_builtin(RuleSet *rs, const char *pack, RuleError *err) {
  for (const BuiltinPack *p = builtin_packs; p->name; p++) {
    if (pack && strcmp(p->name, pack) != 0) continue;
    if (rules_parse(rs, p->file, p->text, p->name, err) != 0) return -1;
    if (pack) return 0;
  }
  if (!pack) return 0;
  char msg[sizeof err->msg];
  int len = snprintf(msg, sizeof msg, "unknown rule pack '%s' (built-in packs:", pack);
  for (const BuiltinPack *p = builtin_packs; p->name && len > 0 && (size_t)len < sizeof msg; p++)
    len += snprintf(msg + len, sizeof msg - (size_t)len, " %s", p->name);
  if (len > 0 && (size_t)len < sizeof msg) snprintf(msg + len, sizeof msg - (size_t)len, ")");
  return file_error(err, "", msg);
}
