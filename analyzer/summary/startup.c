/*
 * startup.c - what main() settles in global structs before it calls
 * anything that uses them.
 *
 * A server reads its configuration into a global struct in main()
 * (`settings.num_threads = atoi(optarg); if (settings.num_threads <= 0)
 * exit(1);`, later `settings.per_udp = settings.num_threads;`) and then
 * calls the functions that use it (`for (c = 0; c < settings.per_udp;
 * c++)`). Fields of a struct are not "constants the program fixes": they
 * are written, at startup. Their value on entry to a function is still
 * decidable, from main's side: this pass follows main's CFG once, path-
 * insensitively, keeping an interval per global field it assigns or
 * reads (`settings.x`, fields of file-scope structs), refined by the
 * branches on them and forgotten at calls that may write them; the
 * interval at each call is the field's value there.
 *
 * A function whose every caller is in sight (the preconditions' rule) and
 * reached from main only through such functions gets, for each field,
 * the join over its call sites: main's interval at a call from main, the
 * caller's own entry fact at a call from a function that writes no field
 * of that name (directly or through what it calls). A field the function
 * itself may write (again, through what it calls too) gets nothing.
 *
 * "Writes" are assignments to a path ending in that field name, through
 * any struct or pointer, and `&...field` handed anywhere: a field is
 * recognized by name, so a write through a pointer to the struct counts.
 * Not seen: writes by code the program does not contain (a library given
 * `&settings` that fills it, memcpy over the struct). That is the
 * "sound-ish" part; the rest only ever forgets.
 *
 * Only main's code and the code of the functions whose effects it applies
 * are followed; of every other function the pass reads its profile (the
 * field names it writes, what it calls), which a cached unit keeps in its
 * entry (summary_text.c), so the pass runs over units that were not parsed.
 */
#include "startup.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

enum { MAX_KEYS = 1024, WIDEN_AFTER = 3, MAX_DEPTH = 8 };

typedef struct Key {
  const char *var;
  const char *fields[STARTUP_MAX_FIELDS];
  int nfields;
  int fid; /* id of the last field's name */
} Key;

typedef struct Itv {
  long lo, hi;
  bool must; /* assigned on every path (effects) */
} Itv;

typedef struct Pass {
  Arena *a;
  StartupFn *fns;
  int n;
  Key *keys;
  int nkeys;
  Map key_ids;   /* "var.f.g" -> id + 1 */
  Map path_keys; /* Path * -> id + 2 (1: names no key) */
  Map field_ids; /* field name -> id + 1 */
  int nfields;
  int words;              /* of a field bitset */
  uint64_t **tw;          /* per function: the field names it may write (transitively) */
  Itv **entry;            /* per function: facts on entry (NULL: none computed) */
  Itv **site_env;         /* per function: join of main's envs at its calls from main */
  struct Effect *effects; /* per function: what calling it does to the keys */
  int depth;
  int (*resolve)(void *, const Unit *, const char *);
  void *rctx;
} Pass;

static const Itv TOP = {LONG_MIN, LONG_MAX, false};

/* ---- Keys and field names --------------------------------------------------- */

/* The global field a path names: `g.f`, `g.f.h` (no pointer, no index). */
static bool key_of(const Path *p, Key *k) {
  const char *fs[STARTUP_MAX_FIELDS];
  int n = 0;
  while (p && p->kind == PATH_FIELD) {
    if (n == STARTUP_MAX_FIELDS) return false;
    fs[n++] = p->field;
    p = p->base;
  }
  if (!p || p->kind != PATH_VAR || n == 0 || p->var->kind != VAR_GLOBAL) return false;
  k->var = p->var->name;
  k->nfields = n;
  for (int i = 0; i < n; i++)
    k->fields[i] = fs[n - 1 - i];
  return true;
}

static const char *key_text(Pass *p, const Key *k) {
  Buf b = {0};
  buf_puts(p->a, &b, k->var);
  for (int i = 0; i < k->nfields; i++) {
    buf_puts(p->a, &b, ".");
    buf_puts(p->a, &b, k->fields[i]);
  }
  return buf_str(p->a, &b);
}

static int field_id(Pass *p, const char *name, bool add) {
  void *v = map_get(&p->field_ids, str_hash(name), name, str_eq);
  if (v) return (int)(intptr_t)v - 1;
  if (!add) return -1;
  map_put(p->a, &p->field_ids, str_hash(name), name, (void *)(intptr_t)(p->nfields + 1), str_eq);
  return p->nfields++;
}

static int key_add(Pass *p, Key *kp, const char *t);

static bool same_ptr(const void *a, const void *b) {
  return a == b;
}

static unsigned ptr_hash(const void *q) {
  return (unsigned)((uintptr_t)q >> 4) * 2654435761u;
}

/* Keys are collected from main first (add); afterwards a path's key is
   looked up once and remembered by the path's address. */
static int key_id(Pass *p, const Path *path, bool add) {
  if (!add) {
    void *c = map_get(&p->path_keys, ptr_hash(path), path, same_ptr);
    if (c) return (int)(intptr_t)c - 2;
  }
  Key k;
  int id = -1;
  if (key_of(path, &k)) {
    const char *t = key_text(p, &k);
    void *v = map_get(&p->key_ids, str_hash(t), t, str_eq);
    if (v)
      id = (int)(intptr_t)v - 1;
    else if (add && p->nkeys < MAX_KEYS)
      id = key_add(p, &k, t);
  }
  if (!add)
    map_put(p->a, &p->path_keys, ptr_hash(path), path, (void *)(intptr_t)(id + 2), same_ptr);
  return id;
}

static int key_add(Pass *p, Key *kp, const char *t) {
  Key k = *kp;
  k.fid = field_id(p, k.fields[k.nfields - 1], true);
  p->keys[p->nkeys] = k;
  map_put(p->a, &p->key_ids, str_hash(t), t, (void *)(intptr_t)(p->nkeys + 1), str_eq);
  return p->nkeys++;
}

static void keys_in_expr(Pass *p, const Expr *e);

static void keys_in_path(Pass *p, const Path *path) {
  for (const Path *q = path; q; q = q->base) {
    key_id(p, q, true);
    if (q->kind == PATH_INDEX) keys_in_expr(p, q->index_expr);
    if (q->kind == PATH_VAR) break;
  }
}

static void keys_in_expr(Pass *p, const Expr *e) {
  if (!e) return;
  if (e->kind == EXPR_PATH || e->kind == EXPR_ADDR) keys_in_path(p, e->path);
  for (int i = 0; i < e->nops; i++)
    keys_in_expr(p, e->ops[i]);
}

/* The last field name a written path ends in (`p->f`, `g.f`, `a[i].f`). */
static const char *written_field(const Path *path) {
  while (path && path->kind == PATH_INDEX)
    path = path->base;
  return path && (path->kind == PATH_FIELD || path->kind == PATH_ARROW) ? path->field : NULL;
}

static void mark(Pass *p, uint64_t *set, const char *field) {
  int id = field ? field_id(p, field, false) : -1;
  if (id >= 0) set[id / 64] |= 1ull << (id % 64);
}

static bool marked(const uint64_t *set, int id) {
  return (set[id / 64] >> (id % 64)) & 1;
}

/* Fields `&...f` hands out anywhere in e. */
static void mark_addrs(Pass *p, uint64_t *set, const Expr *e) {
  if (!e) return;
  if (e->kind == EXPR_ADDR) mark(p, set, written_field(e->path));
  for (int i = 0; i < e->nops; i++)
    mark_addrs(p, set, e->ops[i]);
}

static void direct_writes(Pass *p, const StartupProfile *pr, uint64_t *set) {
  for (int i = 0; i < pr->writes.len; i++)
    mark(p, set, pr->writes.data[i]);
}

/* ---- What the pass reads of a function besides its code ------------------- */

static void addr_fields(Arena *a, Vec *out, const Expr *e) {
  if (!e) return;
  const char *f = e->kind == EXPR_ADDR ? written_field(e->path) : NULL;
  if (f) vec_push(a, out, arena_strdup(a, f));
  for (int i = 0; i < e->nops; i++)
    addr_fields(a, out, e->ops[i]);
}

/* Names are copied into a: a profile outlives its unit. */
void startup_profile(const Func *f, const RuleSet *rs, Arena *a, StartupProfile *out) {
  *out = (StartupProfile){0};
  for (int b = 0; b < f->nblocks; b++)
    for (int k = 0; k < f->blocks[b]->nstmts; k++) {
      const Stmt *s = f->blocks[b]->stmts[k];
      const char *w = s->lhs ? written_field(s->lhs) : NULL;
      if (w) vec_push(a, &out->writes, arena_strdup(a, w));
      addr_fields(a, &out->writes, s->rhs);
      for (int i = 0; i < s->nargs; i++)
        addr_fields(a, &out->writes, s->args[i]);
      if (s->kind != STMT_CALL) continue;
      for (int m = 0; m < s->nargs; m++)
        if (s->args[m]->kind == EXPR_FUNC && s->args[m]->text)
          vec_push(a, &out->args, arena_strdup(a, s->args[m]->text));
      const FnTargets *t = s->callee ? NULL : var_fn_targets(s->fnvar);
      int ncallees = s->callee ? 1 : t ? t->ntargets : 0;
      for (int c = 0; c < ncallees; c++) {
        const char *name = s->callee ? s->callee : t->targets[c];
        if (!rs || !rules_find_func(rs, name)) vec_push(a, &out->calls, arena_strdup(a, name));
      }
    }
}

/* ---- What the pass reads of a function's code ---------------------------- */

static uint64_t fp_u(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0x100000001b3ULL;
  return h ^ (h >> 29);
}

static uint64_t fp_s(uint64_t h, const char *s) {
  if (!s) return fp_u(h, 1);
  for (; *s; s++)
    h = fp_u(h, (unsigned char)*s);
  return fp_u(h, 0x100);
}

static uint64_t fp_expr(uint64_t h, const Expr *e);

static uint64_t fp_path(uint64_t h, const Path *p) {
  for (; p; p = p->base) {
    h = fp_u(h, 0x200 + (uint64_t)p->kind);
    h = fp_s(h, p->field);
    h = fp_s(h, p->storage);
    if (p->kind == PATH_INDEX)
      h = p->index_known ? fp_u(h, (uint64_t)p->index) : fp_expr(h, p->index_expr);
    if (p->kind != PATH_VAR) continue;
    h = fp_s(h, p->var ? p->var->name : NULL);
    if (p->var)
      h = fp_u(h, (uint64_t)p->var->kind << 16 | (uint64_t)p->var->type << 8 | p->var->is_unsigned);
    break;
  }
  return fp_u(h, 0x300);
}

static uint64_t fp_expr(uint64_t h, const Expr *e) {
  if (!e) return fp_u(h, 0x400);
  h = fp_u(h, 0x500 + (uint64_t)e->kind);
  h = fp_u(h, (uint64_t)e->value);
  h = fp_u(h, (uint64_t)e->cmp << 8 | (uint64_t)e->is_unsigned << 4 | (uint64_t)e->is_null << 2 |
                  e->is_name);
  h = fp_s(h, e->text);
  if (e->path) h = fp_path(h, e->path);
  for (int i = 0; i < e->nops; i++)
    h = fp_expr(h, e->ops[i]);
  return fp_u(h, 0x600 + (uint64_t)e->nops);
}

/* A call's argument as the pass reads it: the paths in it (main's keys,
   fields whose address is handed on), not its constants (`__LINE__` in an
   assertion macro is one). */
static uint64_t fp_arg(uint64_t h, const Expr *e) {
  if (!e) return fp_u(h, 0xc00);
  h = fp_u(h, 0xd00 + (uint64_t)e->kind);
  if (e->path) h = fp_path(h, e->path);
  for (int i = 0; i < e->nops; i++)
    h = fp_arg(h, e->ops[i]);
  return fp_u(h, 0xe00 + (uint64_t)e->nops);
}

/* Everything of f's code the pass may read, without locations: a comment
   or a line inserted above it leaves the fingerprint as it was. */
uint64_t startup_fingerprint(const Func *f) {
  uint64_t h = fp_u(0xcbf29ce484222325ULL, (uint64_t)f->nblocks);
  for (int b = 0; b < f->nblocks; b++) {
    const Block *bl = f->blocks[b];
    for (int k = 0; k < bl->nstmts; k++) {
      const Stmt *s = bl->stmts[k];
      h = fp_u(h, 0x700 + (uint64_t)s->kind);
      h = fp_s(h, s->callee);
      h = fp_s(h, s->fnvar ? s->fnvar->name : NULL);
      h = s->lhs ? fp_path(h, s->lhs) : fp_u(h, 0x800);
      h = fp_expr(h, s->rhs);
      for (int i = 0; i < s->nargs; i++)
        h = fp_arg(h, s->args[i]);
      h = fp_u(h, 0x900 + (uint64_t)s->nargs);
    }
    const Term *t = &bl->term;
    h = fp_u(h, 0xa00 + (uint64_t)t->kind);
    h = fp_u(h, (uint64_t)t->cmp);
    h = fp_expr(fp_expr(h, t->lhs), t->rhs); /* branches; return values are not read */
    for (int i = 0; i < t->nsucc; i++)
      h = fp_u(h, (uint64_t)t->succ[i]->id);
    h = fp_u(h, 0xb00 + (uint64_t)t->nsucc);
  }
  return h;
}

static void key_fields_in_expr(Arena *a, Map *seen, Vec *out, const Expr *e);

static void key_fields_in_path(Arena *a, Map *seen, Vec *out, const Path *path) {
  for (const Path *q = path; q; q = q->base) {
    Key k;
    if (key_of(q, &k)) {
      const char *f = k.fields[k.nfields - 1];
      if (!map_get(seen, str_hash(f), f, str_eq)) {
        f = arena_strdup(a, f);
        map_put(a, seen, str_hash(f), f, (void *)f, str_eq);
        vec_push(a, out, (void *)f);
      }
    }
    if (q->kind == PATH_INDEX) key_fields_in_expr(a, seen, out, q->index_expr);
    if (q->kind == PATH_VAR) break;
  }
}

static void key_fields_in_expr(Arena *a, Map *seen, Vec *out, const Expr *e) {
  if (!e) return;
  if (e->kind == EXPR_PATH || e->kind == EXPR_ADDR) key_fields_in_path(a, seen, out, e->path);
  for (int i = 0; i < e->nops; i++)
    key_fields_in_expr(a, seen, out, e->ops[i]);
}

/* The same walk as the keys' collection in startup_facts. */
void startup_key_fields(const Func *main, Arena *a, Vec *out) {
  Map seen = {0};
  for (int b = 0; b < main->nblocks; b++) {
    const Block *bl = main->blocks[b];
    for (int k = 0; k < bl->nstmts; k++) {
      const Stmt *s = bl->stmts[k];
      if (s->lhs) key_fields_in_path(a, &seen, out, s->lhs);
      key_fields_in_expr(a, &seen, out, s->rhs);
      for (int i = 0; i < s->nargs; i++)
        key_fields_in_expr(a, &seen, out, s->args[i]);
    }
    key_fields_in_expr(a, &seen, out, bl->term.lhs);
    key_fields_in_expr(a, &seen, out, bl->term.rhs);
  }
}

void startup_effect_set(const StartupFn *fns, int n, const bool *is_main, const Vec *keys, Arena *a,
                        bool *need) {
  Map kf = {0};
  for (int i = 0; i < keys->len; i++)
    map_put(a, &kf, str_hash(keys->data[i]), keys->data[i], (void *)1, str_eq);
  /* Whether each function writes a key field, itself or through a callee. */
  bool *writes = ARENA_ARRAY(a, bool, n + 1);
  for (int i = 0; i < n; i++)
    for (int k = 0; k < fns[i].profile->writes.len && !writes[i]; k++) {
      const char *f = fns[i].profile->writes.data[k];
      writes[i] = map_get(&kf, str_hash(f), f, str_eq) != NULL;
    }
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = 0; i < n; i++)
      for (int k = 0; k < fns[i].nsucc && !writes[i]; k++)
        if (writes[fns[i].succ[k]]) writes[i] = changed = true;
  }
  int *work = ARENA_ARRAY(a, int, n + 1), nw = 0;
  for (int i = 0; i < n; i++) {
    need[i] = is_main[i];
    if (need[i]) work[nw++] = i;
  }
  while (nw) {
    int i = work[--nw];
    for (int k = 0; k < fns[i].nsucc; k++) {
      int c = fns[i].succ[k];
      if (writes[c] && !need[c]) {
        need[c] = true;
        work[nw++] = c;
      }
    }
  }
}

/* ---- Intervals along a function ---------------------------------------------- */

/*
 * Each key holds an interval and whether every path so far assigned it
 * (`must`). Following a function from an unknown start gives its effect:
 * the keys it assigns on every path to a return, with the values they
 * then hold (settings_init(): `settings.num_threads = 4`). A call applies
 * its callee's effect; keys the callee may write otherwise (on some path,
 * through a pointer) become unknown.
 */
typedef struct Effect {
  Itv *out; /* NULL: writes no key, or could not be followed */
  bool busy, done;
} Effect;

static Itv *env_new(Arena *a, int n) {
  Itv *e = ARENA_ARRAY(a, Itv, n + 1);
  for (int i = 0; i < n; i++)
    e[i] = TOP;
  return e;
}

static void env_set(Itv *dst, const Itv *src, int n) {
  memcpy(dst, src, sizeof(Itv) * (size_t)n);
}

static Itv eval(Pass *p, const Itv *env, const Expr *e) {
  if (!e) return TOP;
  if (e->kind == EXPR_CONST) return (Itv){e->value, e->value, false};
  if (e->kind == EXPR_PATH) {
    int k = key_id(p, e->path, false);
    if (k >= 0) return (Itv){env[k].lo, env[k].hi, false};
  }
  return TOP;
}

/* Every key whose field the set marks becomes unknown (still `must` if
   it was: it was assigned, to something). */
static void forget(Pass *p, Itv *env, const uint64_t *set) {
  for (int k = 0; k < p->nkeys; k++)
    if (marked(set, p->keys[k].fid)) env[k].lo = LONG_MIN, env[k].hi = LONG_MAX;
}

static void forget_field(Pass *p, Itv *env, const char *field) {
  int id = field ? field_id(p, field, false) : -1;
  for (int k = 0; id >= 0 && k < p->nkeys; k++)
    if (p->keys[k].fid == id) env[k].lo = LONG_MIN, env[k].hi = LONG_MAX;
}

static void join_into(Itv *dst, const Itv *src, int n) {
  for (int i = 0; i < n; i++) {
    if (src[i].lo < dst[i].lo) dst[i].lo = src[i].lo;
    if (src[i].hi > dst[i].hi) dst[i].hi = src[i].hi;
    dst[i].must = dst[i].must && src[i].must;
  }
}

static const Itv *effect_of(Pass *p, int c);

static void step(Pass *p, Itv *env, const Stmt *s, const Unit *u, bool record, uint64_t *w) {
  memset(w, 0, sizeof(uint64_t) * (size_t)p->words);
  if (s->kind == STMT_ASSIGN) {
    int k = s->lhs ? key_id(p, s->lhs, false) : -1;
    Itv v = eval(p, env, s->rhs);
    if (k < 0) forget_field(p, env, written_field(s->lhs));
    mark_addrs(p, w, s->rhs); /* `q = &g.f`: written through q later */
    forget(p, env, w);
    if (k >= 0) env[k] = (Itv){v.lo, v.hi, true};
    return;
  }
  int c = s->callee ? p->resolve(p->rctx, u, s->callee) : -1;
  if (record && c >= 0) {
    if (!p->site_env[c]) {
      p->site_env[c] = env_new(p->a, p->nkeys);
      env_set(p->site_env[c], env, p->nkeys);
    } else {
      join_into(p->site_env[c], env, p->nkeys);
    }
  }
  if (c >= 0) memcpy(w, p->tw[c], sizeof(uint64_t) * (size_t)p->words);
  for (int i = 0; i < s->nargs; i++)
    mark_addrs(p, w, s->args[i]);
  if (s->lhs) mark(p, w, written_field(s->lhs));
  forget(p, env, w);
  const Itv *eff = c >= 0 ? effect_of(p, c) : NULL;
  for (int k = 0; eff && k < p->nkeys; k++)
    if (eff[k].must) env[k] = eff[k];
}

static bool refine(Itv *v, CmpOp op, long c) {
  switch (op) {
  case CMP_EQ:
    if (c < v->lo || c > v->hi) return false;
    v->lo = v->hi = c;
    return true;
  case CMP_NE:
    if (v->lo == c && v->hi == c) return false;
    if (v->lo == c) v->lo++;
    if (v->hi == c) v->hi--;
    return true;
  case CMP_LT:
    if (c == LONG_MIN || v->lo >= c) return false;
    if (v->hi > c - 1) v->hi = c - 1;
    return true;
  case CMP_LE:
    if (v->lo > c) return false;
    if (v->hi > c) v->hi = c;
    return true;
  case CMP_GT:
    if (c == LONG_MAX || v->hi <= c) return false;
    if (v->lo < c + 1) v->lo = c + 1;
    return true;
  case CMP_GE:
    if (v->hi < c) return false;
    if (v->lo < c) v->lo = c;
    return true;
  }
  return true;
}

/* The edge `lhs op rhs` (or its negation) out of a branch; false when
   the env cannot take it. */
static bool assume(Pass *p, Itv *env, const Term *t, bool taken) {
  CmpOp op = taken ? t->cmp : cmp_negate(t->cmp);
  const Expr *l = t->lhs, *r = t->rhs;
  if (!l || !r || l->is_unsigned || r->is_unsigned) return true;
  if (l->kind == EXPR_CONST && r->kind == EXPR_PATH) {
    const Expr *x = l;
    l = r;
    r = x;
    op = cmp_swap(op);
  }
  if (l->kind != EXPR_PATH || r->kind != EXPR_CONST) return true;
  int k = key_id(p, l->path, false);
  return k < 0 || refine(&env[k], op, r->value);
}

/* Follows f from an unknown start to a fixpoint. With record, main's envs
   at its calls go to site_env. Returns the join of the envs at f's
   returns (in p->a), or NULL when there is none or no fixpoint was
   reached within the budget. */
static Itv *run_func(Pass *p, const Func *f, const Unit *u, bool record) {
  if (f->nblocks == 0) return NULL;
  Arena tmp;
  arena_init(&tmp);
  int nk = p->nkeys;
  Itv **in = ARENA_ARRAY(&tmp, Itv *, f->nblocks + 1);
  uint8_t **visits = ARENA_ARRAY(&tmp, uint8_t *, f->nblocks + 1);
  int *work = ARENA_ARRAY(&tmp, int, f->nblocks + 1);
  bool *queued = ARENA_ARRAY(&tmp, bool, f->nblocks + 1);
  Itv *env = env_new(&tmp, nk), *out = env_new(&tmp, nk), *ret = NULL;
  uint64_t *w = ARENA_ARRAY(&tmp, uint64_t, p->words + 1);
  int nw = 0;
  in[0] = env_new(&tmp, nk);
  work[nw++] = 0;
  queued[0] = true;
  long budget = 64L * f->nblocks + 1024;
  while (nw && budget-- > 0) {
    int b = work[--nw];
    queued[b] = false;
    const Block *bl = f->blocks[b];
    env_set(env, in[b], nk);
    for (int k = 0; k < bl->nstmts; k++)
      step(p, env, bl->stmts[k], u, false, w);
    const Term *t = &bl->term;
    for (int i = 0; i < t->nsucc; i++) {
      env_set(out, env, nk);
      if (t->kind == TERM_BRANCH && t->nsucc == 2 && t->succ[0] != t->succ[1] &&
          !assume(p, out, t, i == 0))
        continue;
      int s = t->succ[i]->id;
      bool changed = false;
      if (!in[s]) {
        in[s] = env_new(&tmp, nk);
        env_set(in[s], out, nk);
        changed = true;
      } else {
        /* Each key of each block widens after a few changes, to 1, 0 or
           no bound: counts and flags keep their sign, and it ends. */
        Itv *old = in[s];
        if (!visits[s]) visits[s] = ARENA_ARRAY(&tmp, uint8_t, nk + 1);
        for (int k = 0; k < nk; k++) {
          Itv v = old[k];
          bool widen = visits[s][k] >= WIDEN_AFTER;
          if (out[k].lo < v.lo)
            v.lo = !widen ? out[k].lo : out[k].lo >= 1 ? 1 : out[k].lo >= 0 ? 0 : LONG_MIN;
          if (out[k].hi > v.hi)
            v.hi = !widen ? out[k].hi : out[k].hi <= 0 ? 0 : out[k].hi <= 1 ? 1 : LONG_MAX;
          v.must = v.must && out[k].must;
          if (v.lo != old[k].lo || v.hi != old[k].hi || v.must != old[k].must) {
            if (v.lo != old[k].lo || v.hi != old[k].hi) visits[s][k]++;
            old[k] = v;
            changed = true;
          }
        }
      }
      if (changed && !queued[s]) {
        queued[s] = true;
        work[nw++] = s;
      }
    }
  }
  if (!nw) {
    for (int b = 0; b < f->nblocks; b++) {
      if (!in[b]) continue;
      env_set(env, in[b], nk);
      for (int k = 0; k < f->blocks[b]->nstmts; k++)
        step(p, env, f->blocks[b]->stmts[k], u, record, w);
      if (f->blocks[b]->term.kind != TERM_RETURN) continue;
      if (!ret) {
        ret = env_new(p->a, nk);
        env_set(ret, env, nk);
      } else {
        join_into(ret, env, nk);
      }
    }
  }
  arena_free(&tmp);
  return ret;
}

/* What calling function c does to the keys (see Effect). */
static const Itv *effect_of(Pass *p, int c) {
  Effect *e = &p->effects[c];
  if (e->done || e->busy) return e->out; /* recursion: what we have (nothing) */
  bool writes = false;
  for (int k = 0; k < p->nkeys && !writes; k++)
    writes = marked(p->tw[c], p->keys[k].fid);
  e->busy = true;
  if (writes && p->depth < MAX_DEPTH && p->fns[c].f) {
    p->depth++;
    e->out = run_func(p, p->fns[c].f, p->fns[c].u, false);
    p->depth--;
  }
  e->busy = false;
  e->done = true;
  return e->out;
}

/* ---- Down the call graph ---------------------------------------------------------- */

void startup_facts(Arena *a, Arena *out, StartupFn *fns, int n, const StartupMain *mains,
                   int nmains, int (*resolve)(void *, const Unit *, const char *), void *rctx) {
  if (nmains == 0) return;
  Pass p = {.a = a, .fns = fns, .n = n, .resolve = resolve, .rctx = rctx};
  p.keys = ARENA_ARRAY(a, Key, MAX_KEYS);
  for (int m = 0; m < nmains; m++)
    for (int b = 0; b < mains[m].f->nblocks; b++) {
      const Func *mf = mains[m].f;
      const Block *bl = mf->blocks[b];
      for (int k = 0; k < bl->nstmts; k++) {
        const Stmt *s = bl->stmts[k];
        if (s->lhs) keys_in_path(&p, s->lhs);
        keys_in_expr(&p, s->rhs);
        for (int i = 0; i < s->nargs; i++)
          keys_in_expr(&p, s->args[i]);
      }
      keys_in_expr(&p, bl->term.lhs);
      keys_in_expr(&p, bl->term.rhs);
    }
  if (p.nkeys == 0) return;
  p.words = (p.nfields + 63) / 64;
  /* What each function may write, through its callees too. */
  p.tw = ARENA_ARRAY(a, uint64_t *, n + 1);
  for (int i = 0; i < n; i++) {
    p.tw[i] = ARENA_ARRAY(a, uint64_t, p.words + 1);
    direct_writes(&p, fns[i].profile, p.tw[i]);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = 0; i < n; i++)
      for (int k = 0; k < fns[i].nsucc; k++) {
        const uint64_t *c = p.tw[fns[i].succ[k]];
        for (int w = 0; w < p.words; w++)
          if (c[w] & ~p.tw[i][w]) {
            p.tw[i][w] |= c[w];
            changed = true;
          }
      }
  }
  p.site_env = ARENA_ARRAY(a, Itv *, n + 1);
  p.effects = ARENA_ARRAY(a, Effect, n + 1);
  bool *is_main = ARENA_ARRAY(a, bool, n + 1);
  for (int m = 0; m < nmains; m++) {
    run_func(&p, mains[m].f, mains[m].u, true);
    for (int i = 0; i < n; i++)
      is_main[i] |= fns[i].f == mains[m].f;
  }
  /* Entry facts, callers first: a function is done once every caller is. */
  int **preds = ARENA_ARRAY(a, int *, n + 1);
  int *npreds = ARENA_ARRAY(a, int, n + 1);
  for (int i = 0; i < n; i++)
    for (int k = 0; k < fns[i].nsucc; k++)
      npreds[fns[i].succ[k]]++;
  for (int i = 0; i < n; i++) {
    preds[i] = ARENA_ARRAY(a, int, npreds[i] + 1);
    npreds[i] = 0;
  }
  for (int i = 0; i < n; i++)
    for (int k = 0; k < fns[i].nsucc; k++) {
      int c = fns[i].succ[k];
      preds[c][npreds[c]++] = i;
    }
  p.entry = ARENA_ARRAY(a, Itv *, n + 1);
  bool *done = ARENA_ARRAY(a, bool, n + 1);
  for (int i = 0; i < n; i++)
    done[i] = is_main[i];
  for (bool progress = true; progress;) {
    progress = false;
    for (int i = 0; i < n; i++) {
      if (done[i] || !fns[i].closed || npreds[i] == 0) continue;
      bool ready = true;
      for (int k = 0; k < npreds[i] && ready; k++)
        ready = done[preds[i][k]];
      if (!ready) continue;
      done[i] = progress = true;
      Itv *e = NULL;
      for (int k = 0; k < npreds[i]; k++) {
        int c = preds[i][k];
        const Itv *from = is_main[c] ? p.site_env[i] : p.entry[c];
        Itv *v = env_new(a, p.nkeys);
        if (from) env_set(v, from, p.nkeys);
        if (!is_main[c]) forget(&p, v, p.tw[c]);
        if (!e)
          e = v;
        else
          join_into(e, v, p.nkeys);
      }
      p.entry[i] = e;
    }
  }
  /* Fields that code run from elsewhere may write (a signal handler, a
     thread, a callback: any function whose callers are not all in sight,
     and what it calls) are never facts: they change under anyone. */
  uint64_t *async = ARENA_ARRAY(a, uint64_t, p.words + 1);
  for (int i = 0; i < n; i++)
    if (!fns[i].closed && !is_main[i])
      for (int w = 0; w < p.words; w++)
        async[w] |= p.tw[i][w];
  /* What each function is handed: fields it cannot change itself. */
  for (int i = 0; i < n; i++) {
    const Itv *e = is_main[i] ? NULL : p.entry[i];
    if (!e) continue;
    int m = 0;
    for (int k = 0; k < p.nkeys; k++)
      m += (e[k].lo != LONG_MIN || e[k].hi != LONG_MAX) && !marked(p.tw[i], p.keys[k].fid) &&
           !marked(async, p.keys[k].fid);
    if (!m) continue;
    fns[i].facts = ARENA_ARRAY(out, GlobalFact, m);
    for (int k = 0; k < p.nkeys; k++) {
      if ((e[k].lo == LONG_MIN && e[k].hi == LONG_MAX) || marked(p.tw[i], p.keys[k].fid) ||
          marked(async, p.keys[k].fid))
        continue;
      GlobalFact *g = &fns[i].facts[fns[i].nfacts++];
      g->var = p.keys[k].var;
      g->nfields = p.keys[k].nfields;
      memcpy(g->fields, p.keys[k].fields, sizeof(g->fields));
      g->lo = e[k].lo;
      g->hi = e[k].hi;
    }
  }
}
