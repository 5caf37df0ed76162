/*
 * summary_text.c - the table's text form, which the cache keeps between
 * runs (the format is in summary.h): summaries as `func ... end` blocks
 * (summary_write, summary_write_unit, summary_read), each unit's
 * whole-program facts record (summary_write_facts, summary_read_facts,
 * summary_read_prior) and the facts the table gave the functions a unit
 * defines (summary_write_unit_pre).
 *
 * What is read back must be what was computed, field for field: a cached
 * run reports exactly what a run without the cache reports.
 */
#include "summary_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Text form ------------------------------------------------------------------ */

/* Names and paths are written as one token: spaces and '%' are escaped. */
static void put_token(Arena *a, Buf *out, const char *s) {
  for (; *s; s++) {
    if (*s == ' ' || *s == '%' || *s == '\n' || *s == '\t')
      buf_printf(a, out, "%%%02x", (unsigned char)*s);
    else
      buf_putc(a, out, *s);
  }
}

static void put_target(Arena *a, Buf *out, const Target *t) {
  if (t->arg == TARGET_RET)
    buf_puts(a, out, "ret");
  else
    buf_printf(a, out, "arg%d", t->arg);
  for (int i = 0; i < t->nsteps; i++) {
    const TargetStep *s = &t->steps[i];
    if (s->kind == STEP_DEREF)
      buf_puts(a, out, ":*");
    else if (s->kind == STEP_FIELD)
      buf_printf(a, out, ":.%s", s->field);
    else
      buf_printf(a, out, ":[%ld]", s->index);
  }
}

static int entry_order(const void *pa, const void *pb) {
  const Entry *a = *(Entry *const *)pa, *b = *(Entry *const *)pb;
  int c = strcmp(a->name, b->name);
  if (c) return c;
  return strcmp(a->unit ? a->unit : "", b->unit ? b->unit : "");
}

/* The clauses a rule may carry besides acquisitions, releases and moves,
   each only when set: a cached run must read back every field of the
   FuncRule a summary computed (test_cache checks each one). */
static void write_more(const FuncRule *r, Buf *out, Arena *a) {
  if (r->ret_fixed) buf_printf(a, out, "ret %ld\n", r->ret_value);
  if (r->borrow_all) buf_puts(a, out, "borrow-all\n");
  if (r->hands_back)
    buf_printf(a, out, "hands-back %d%s\n", r->hands_back_arg,
               r->hands_back_in_place ? " in-place" : "");
  if (r->ref_mask) buf_printf(a, out, "refs %x\n", r->ref_mask);
  if (r->derefs_args) buf_printf(a, out, "derefs %x\n", r->derefs_args);
  if (r->owns_elements) buf_printf(a, out, "owns-elements %d\n", r->owns_if_arg);
  if (r->permanent) buf_puts(a, out, "permanent\n");
  if (r->leaves_locked) buf_puts(a, out, "leaves-locked\n");
  if (r->returns_arg) buf_printf(a, out, "returns %d\n", r->returns_arg);
  if (r->ret_when) {
    buf_printf(a, out, "ret-when %ld %d ", r->ret_when_value, r->ret_when_arg);
    for (int i = 0; i < r->ret_when_n; i++)
      buf_printf(a, out, "%s%ld", i ? "," : "", r->ret_when_vals[i]);
    buf_puts(a, out, r->ret_when_n ? "\n" : "-\n");
  }
  if (r->ret_range) buf_printf(a, out, "ret-range %ld %ld\n", r->ret_lo, r->ret_hi);
  if (r->has_set) {
    buf_puts(a, out, "set ");
    put_target(a, out, &r->set_dst);
    buf_printf(a, out, " %d\n", r->set_src);
  }
  if (r->has_unless) {
    buf_puts(a, out, "unless ");
    put_target(a, out, &r->unless_at);
    buf_printf(a, out, " %s %ld\n", cmp_op_str(r->unless_op), r->unless_c);
  }
  if (r->runs) buf_printf(a, out, "runs %d\n", r->runs_arg);
  for (int k = 0; k < r->nstores; k++) {
    const Store *q = &r->stores[k];
    buf_puts(a, out, "store ");
    put_target(a, out, &q->what);
    buf_printf(a, out, " %d %d ", q->in, q->if_arg);
    for (int i = 0; i < q->nif; i++)
      buf_printf(a, out, "%s%ld", i ? "," : "", q->if_vals[i]);
    buf_puts(a, out, q->nif ? "\n" : "-\n");
  }
}

/* One func ... end block; r NULL writes `none`: a definition without a
   summary, which still makes a second definition of the name ambiguous. */
static void write_block(const FuncRule *r, const char *name, Loc loc, const char *unit, Buf *out,
                        Arena *a) {
  buf_puts(a, out, "func ");
  put_token(a, out, name);
  buf_putc(a, out, ' ');
  put_token(a, out, loc.file ? loc.file : "?");
  buf_printf(a, out, " %d", loc.line);
  if (unit) {
    buf_puts(a, out, " static ");
    put_token(a, out, unit);
  }
  buf_putc(a, out, '\n');
  if (!r) {
    buf_puts(a, out, "none\nend\n");
    return;
  }
  for (int k = 0; k < r->nacquires; k++) {
    const Acquire *q = &r->acquires[k];
    buf_printf(a, out, "acquire %s ", q->kind->id);
    put_target(a, out, &q->target);
    if (q->when.always)
      buf_puts(a, out, " always");
    else
      buf_printf(a, out, " %s %ld%s", cmp_op_str(q->when.op), q->when.value,
                 q->when.on_target ? " on_target" : "");
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < r->nreleases; k++) {
    const Release *q = &r->releases[k];
    buf_printf(a, out, "release %s ", q->family);
    put_target(a, out, &q->target);
    if (q->partial) buf_puts(a, out, " partial");
    if (q->conditional) buf_printf(a, out, " when %s %ld", cmp_op_str(q->when.op), q->when.value);
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < r->ntransfers; k++) {
    buf_puts(a, out, "move ");
    put_target(a, out, &r->transfers[k].from);
    buf_printf(a, out, " %d%s\n", r->transfers[k].to,
               r->transfers[k].forget_on_failure ? " forget" : "");
  }
  buf_printf(a, out, "borrow %x\nescape %x\n", r->borrow_mask, r->escape_mask);
  if (r->escape_deref_mask) buf_printf(a, out, "escape-deref %x\n", r->escape_deref_mask);
  if (r->writes_mask) buf_printf(a, out, "writes %x\n", r->writes_mask);
  if (r->ret_ok_nonzero) buf_printf(a, out, "ok-nonzero %x\n", r->ret_ok_nonzero);
  if (r->noreturn) buf_puts(a, out, "noreturn\n");
  if (r->releases_own) buf_printf(a, out, "release-own %s\n", r->releases_own);
  write_more(r, out, a);
  buf_puts(a, out, "end\n");
}

void summary_write(const SummaryTable *st, Buf *out, Arena *a) {
  Entry **v = ARENA_ARRAY(a, Entry *, st->n + 1);
  int n = 0;
  for (int i = 0; i < st->cap; i++)
    if (st->slots[i] && st->slots[i]->rule && !st->slots[i]->ambiguous) v[n++] = st->slots[i];
  qsort(v, (size_t)n, sizeof *v, entry_order);
  buf_puts(a, out, "# connlint summaries 1\n");
  for (int i = 0; i < n; i++)
    write_block(v[i]->rule, v[i]->rule->name, v[i]->rule->loc, v[i]->unit, out, a);
}

void summary_write_rule(const FuncRule *r, Buf *out, Arena *a) {
  if (r) write_block(r, r->name, r->loc, NULL, out, a);
}

void summary_write_unit(const SummaryTable *st, const Unit *u, Buf *out, Arena *a) {
  for (int k = 0; k < u->nfuncs; k++) {
    const Func *f = u->funcs[k];
    bool dup = false; /* a static name defined twice: the first one counts */
    for (int j = 0; j < k && !dup; j++)
      dup = strcmp(u->funcs[j]->name, f->name) == 0;
    if (dup) continue;
    const char *unit = f->is_static ? u->path : NULL;
    const Entry *e = entry_get(st, unit, f->name);
    const FuncRule *r = e && !e->ambiguous ? e->rule : NULL;
    write_block(r, f->name, r ? r->loc : f->loc, unit, out, a);
  }
}

typedef struct Reader {
  SummaryTable *st;
  const RuleSet *rs;
  char *err;
  int errlen, line;
  char *tok[8];
  int ntok;
  bool ok_more; /* read_more's verdict on a clause it knew */
  Vec stores;   /* Store *: of the func being read */
} Reader;

static bool read_fail(Reader *r, const char *what) {
  snprintf(r->err, (size_t)r->errlen, "line %d: %s", r->line, what);
  return false;
}

static char *get_token(Reader *r, const char *s) {
  char *t = arena_strdup(&r->st->arena, s);
  char *w = t;
  for (const char *p = t; *p; p++) {
    unsigned c;
    if (*p == '%' && sscanf(p + 1, "%2x", &c) == 1) {
      *w++ = (char)c;
      p += 2;
    } else {
      *w++ = *p;
    }
  }
  *w = '\0';
  return t;
}

static bool parse_target(Reader *r, const char *s, Target *t) {
  memset(t, 0, sizeof *t);
  char *copy = arena_strdup(&r->st->arena, s);
  char *step = strtok(copy, ":");
  if (!step) return read_fail(r, "missing target");
  if (strcmp(step, "ret") == 0)
    t->arg = TARGET_RET;
  else if (sscanf(step, "arg%d", &t->arg) != 1 || t->arg < 0 || t->arg >= 32)
    return read_fail(r, "bad target");
  while ((step = strtok(NULL, ":"))) {
    if (t->nsteps == TARGET_MAX_STEPS) return read_fail(r, "target too deep");
    TargetStep *ts = &t->steps[t->nsteps++];
    if (strcmp(step, "*") == 0)
      ts->kind = STEP_DEREF;
    else if (step[0] == '.' && step[1]) {
      ts->kind = STEP_FIELD;
      ts->field = step + 1;
    } else if (step[0] == '[' && sscanf(step, "[%ld]", &ts->index) == 1)
      ts->kind = STEP_INDEX;
    else
      return read_fail(r, "bad target step");
  }
  return true;
}

static bool parse_op(const char *s, CmpOp *op) {
  static const char *ops[] = {"==", "!=", "<", "<=", ">", ">="};
  static const CmpOp vals[] = {CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE};
  for (int i = 0; i < 6; i++)
    if (strcmp(s, ops[i]) == 0) {
      *op = vals[i];
      return true;
    }
  return false;
}

/* write_more's clauses: true when k is one of them (r->ok_more then says
   whether it read). */
/* A comma-separated list of numbers, or "-" for none; returns the count. */
static int read_longs(Arena *a, const char *tok, long **out) {
  Vec vals = {0};
  char *copy = arena_strdup(a, tok);
  for (char *v = strcmp(copy, "-") ? strtok(copy, ",") : NULL; v; v = strtok(NULL, ",")) {
    long *x = ARENA_NEW(a, long);
    *x = strtol(v, NULL, 10);
    vec_push(a, &vals, x);
  }
  *out = ARENA_ARRAY(a, long, vals.len + 1);
  for (int i = 0; i < vals.len; i++)
    (*out)[i] = *(long *)vals.data[i];
  return vals.len;
}

static bool read_more(Reader *r, FuncRule *f) {
  Arena *a = &r->st->arena;
  const char *k = r->tok[0];
  int n = r->ntok;
  bool ok = true;
  if (strcmp(k, "ret") == 0 && n == 2) {
    f->ret_fixed = true;
    ok = sscanf(r->tok[1], "%ld", &f->ret_value) == 1;
  } else if (strcmp(k, "borrow-all") == 0 && n == 1) {
    f->borrow_all = true;
  } else if (strcmp(k, "hands-back") == 0 && (n == 2 || n == 3)) {
    f->hands_back = true;
    f->hands_back_arg = atoi(r->tok[1]);
    f->hands_back_in_place = n == 3 && strcmp(r->tok[2], "in-place") == 0;
  } else if (strcmp(k, "refs") == 0 && n == 2) {
    f->ref_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "derefs") == 0 && n == 2) {
    f->derefs_args = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "owns-elements") == 0 && n == 2) {
    f->owns_elements = true;
    f->owns_if_arg = atoi(r->tok[1]);
  } else if (strcmp(k, "permanent") == 0 && n == 1) {
    f->permanent = true;
  } else if (strcmp(k, "leaves-locked") == 0 && n == 1) {
    f->leaves_locked = true;
  } else if (strcmp(k, "returns") == 0 && n == 2) {
    f->returns_arg = atoi(r->tok[1]);
  } else if (strcmp(k, "ret-when") == 0 && n == 4) {
    f->ret_when = true;
    ok = sscanf(r->tok[1], "%ld", &f->ret_when_value) == 1;
    f->ret_when_arg = atoi(r->tok[2]);
    f->ret_when_n = read_longs(a, r->tok[3], &f->ret_when_vals);
  } else if (strcmp(k, "ret-range") == 0 && n == 3) {
    f->ret_range = true;
    ok = sscanf(r->tok[1], "%ld", &f->ret_lo) == 1 && sscanf(r->tok[2], "%ld", &f->ret_hi) == 1;
  } else if (strcmp(k, "set") == 0 && n == 3) {
    f->has_set = true;
    ok = parse_target(r, r->tok[1], &f->set_dst);
    f->set_src = atoi(r->tok[2]);
  } else if (strcmp(k, "unless") == 0 && n == 4) {
    f->has_unless = true;
    ok = parse_target(r, r->tok[1], &f->unless_at) && parse_op(r->tok[2], &f->unless_op) &&
         sscanf(r->tok[3], "%ld", &f->unless_c) == 1;
  } else if (strcmp(k, "runs") == 0 && n == 2) {
    f->runs = true;
    f->runs_arg = atoi(r->tok[1]);
  } else if (strcmp(k, "store") == 0 && n == 5) {
    Store *q = ARENA_NEW(a, Store);
    ok = parse_target(r, r->tok[1], &q->what);
    q->in = atoi(r->tok[2]);
    q->if_arg = atoi(r->tok[3]);
    q->nif = read_longs(a, r->tok[4], &q->if_vals);
    vec_push(a, &r->stores, q);
  } else {
    return false;
  }
  r->ok_more = ok || read_fail(r, "bad clause");
  return true;
}

/* One statement inside a func block. */
static bool read_clause(Reader *r, FuncRule *f, Vec *acq, Vec *rel, Vec *mov) {
  Arena *a = &r->st->arena;
  const char *k = r->tok[0];
  if (strcmp(k, "acquire") == 0 && r->ntok >= 4) {
    Acquire *q = ARENA_NEW(a, Acquire);
    if (!(q->kind = rules_find_kind(r->rs, r->tok[1])))
      return read_fail(r, "unknown resource kind");
    if (!parse_target(r, r->tok[2], &q->target)) return false;
    if (strcmp(r->tok[3], "always") == 0)
      q->when.always = true;
    else if (r->ntok < 5 || !parse_op(r->tok[3], &q->when.op) ||
             sscanf(r->tok[4], "%ld", &q->when.value) != 1)
      return read_fail(r, "bad success condition");
    q->when.on_target = r->ntok > 5 && strcmp(r->tok[5], "on_target") == 0;
    vec_push(a, acq, q);
  } else if (strcmp(k, "release") == 0 && r->ntok >= 3) {
    Release *q = ARENA_NEW(a, Release);
    q->family = arena_strdup(a, r->tok[1]);
    if (!parse_target(r, r->tok[2], &q->target)) return false;
    int i = 3;
    q->partial = r->ntok > i && strcmp(r->tok[i], "partial") == 0;
    i += q->partial;
    if (r->ntok > i && strcmp(r->tok[i], "when") == 0) {
      q->conditional = true;
      if (r->ntok < i + 3 || !parse_op(r->tok[i + 1], &q->when.op) ||
          sscanf(r->tok[i + 2], "%ld", &q->when.value) != 1)
        return read_fail(r, "bad release condition");
    }
    vec_push(a, rel, q);
  } else if (strcmp(k, "move") == 0 && (r->ntok == 3 || r->ntok == 4)) {
    Transfer *t = ARENA_NEW(a, Transfer);
    if (!parse_target(r, r->tok[1], &t->from)) return false;
    t->to = atoi(r->tok[2]);
    t->forget_on_failure = r->ntok == 4 && strcmp(r->tok[3], "forget") == 0;
    vec_push(a, mov, t);
  } else if (strcmp(k, "borrow") == 0 && r->ntok == 2) {
    f->borrow_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "escape") == 0 && r->ntok == 2) {
    f->escape_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "escape-deref") == 0 && r->ntok == 2) {
    f->escape_deref_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "writes") == 0 && r->ntok == 2) {
    f->writes_mask = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "ok-nonzero") == 0 && r->ntok == 2) {
    f->ret_ok_nonzero = (unsigned)strtoul(r->tok[1], NULL, 16);
  } else if (strcmp(k, "noreturn") == 0) {
    f->noreturn = true;
  } else if (strcmp(k, "none") == 0) {
    f->pack = NULL; /* marks a definition without a summary */
  } else if (strcmp(k, "release-own") == 0 && r->ntok == 2) {
    f->releases_own = arena_strdup(a, r->tok[1]);
  } else if (read_more(r, f)) {
    return r->ok_more;
  } else {
    return read_fail(r, "unknown statement");
  }
  return true;
}

/* The line at *p, copied into a; *p moves past it. */
static char *take_line(Arena *a, const char **p) {
  const char *e = strchr(*p, '\n');
  size_t len = e ? (size_t)(e - *p) : strlen(*p);
  char *line = arena_strndup(a, *p, len);
  *p += len + (e ? 1 : 0);
  return line;
}

int summary_read(SummaryTable *st, const RuleSet *rs, const char *text, char *err, int errlen) {
  Reader r = {st, rs, err, errlen, 0, {0}, 0, false, {0}};
  FuncRule *f = NULL;
  const char *unit = NULL;
  Vec acq = {0}, rel = {0}, mov = {0};
  Arena *a = &st->arena;
  for (const char *p = text; *p;) {
    char *line = take_line(a, &p);
    r.line++;
    r.ntok = 0;
    for (char *t = strtok(line, " \t\r"); t && r.ntok < 8; t = strtok(NULL, " \t\r"))
      r.tok[r.ntok++] = t;
    if (r.ntok == 0 || r.tok[0][0] == '#') continue;
    if (strcmp(r.tok[0], "func") == 0) {
      if (f || r.ntok < 4) return read_fail(&r, "bad func line"), -1;
      f = ARENA_NEW(a, FuncRule);
      f->name = get_token(&r, r.tok[1]);
      f->loc.file = get_token(&r, r.tok[2]);
      f->loc.line = atoi(r.tok[3]);
      f->pack = "summary";
      f->from_summary = true;
      unit = r.ntok >= 6 && strcmp(r.tok[4], "static") == 0 ? get_token(&r, r.tok[5]) : NULL;
      acq = (Vec){0};
      rel = (Vec){0};
      mov = (Vec){0};
      r.stores = (Vec){0};
    } else if (strcmp(r.tok[0], "end") == 0) {
      if (!f) return read_fail(&r, "end without func"), -1;
      f->nacquires = acq.len;
      f->acquires = vec_items(a, &acq, sizeof(Acquire));
      f->nreleases = rel.len;
      f->releases = vec_items(a, &rel, sizeof(Release));
      f->ntransfers = mov.len;
      f->transfers = vec_items(a, &mov, sizeof(Transfer));
      f->nstores = r.stores.len;
      f->stores = vec_items(a, &r.stores, sizeof(Store));
      for (int i = 0; i < mov.len; i++)
        if (f->transfers[i].to < 0 || f->transfers[i].to >= f->nacquires)
          return read_fail(&r, "move into an acquisition that does not exist"), -1;
      Entry *en = entry_add(st, unit, f->name);
      if (!unit && (en->rule || en->defined)) {
        /* a second external definition: as summary_compute decides */
        en->ambiguous = true;
        set_rule(st, en, NULL);
      } else if (!en->ambiguous) {
        set_rule(st, en, f->pack ? f : NULL);
      }
      en->defined = true;
      f = NULL;
    } else if (!f || !read_clause(&r, f, &acq, &rel, &mov)) {
      if (!f) read_fail(&r, "statement outside func");
      return -1;
    }
  }
  if (f) return read_fail(&r, "missing end"), -1;
  st->nread++;
  return 0;
}

/* ---- Whole-program facts of a unit ------------------------------------------ */

static void put_fact(Arena *a, Buf *out, ArgFact f) {
  buf_printf(a, out, " %ld %ld %d", f.lo, f.hi, f.nonzero);
}

/* tested op k nargs, then the use of each argument on each branch. */
static void put_fail_site(Arena *a, Buf *out, const FailSite *fs) {
  buf_printf(a, out, " %d %d %ld %d", fs->tested, (int)fs->op, fs->k, fs->nargs);
  for (int i = 0; i < fs->nargs; i++)
    buf_printf(a, out, " %d %d", fs->use[i][0], fs->use[i][1]);
}

static bool read_fail_site(char **tok, int n, FailSite *fs) {
  if (n < 4) return false;
  *fs = (FailSite){.tested = atoi(tok[0]) != 0,
                   .op = (CmpOp)atoi(tok[1]),
                   .k = strtol(tok[2], NULL, 10),
                   .nargs = atoi(tok[3])};
  if (fs->nargs < 0 || fs->nargs > FAIL_SITE_ARGS || n != 4 + 2 * fs->nargs) return false;
  for (int i = 0; i < fs->nargs; i++)
    for (int b = 0; b < 2; b++) {
      int use = atoi(tok[4 + 2 * i + b]);
      if (use < FAIL_UNKNOWN || use > FAIL_CLEANS) return false;
      fs->use[i][b] = (uint8_t)use;
    }
  return true;
}

static void put_line(Arena *a, Buf *out, const char *tag, const char *token) {
  buf_puts(a, out, tag);
  buf_putc(a, out, ' ');
  put_token(a, out, token);
  buf_putc(a, out, '\n');
}

/* The facts on global fields the table gives a function, one line each. */
static void put_gfacts(const SummaryTable *st, const char *unit, const SFn *sf, Buf *out,
                       Arena *a) {
  const Entry *e = entry_get(st, sf->is_static ? unit : NULL, sf->name);
  for (int i = 0; e && !e->ambiguous && i < e->ngfacts; i++) {
    const GlobalFact *g = &e->gfacts[i];
    buf_puts(a, out, "sfact ");
    put_token(a, out, g->var);
    buf_printf(a, out, " %d", g->nfields);
    for (int k = 0; k < g->nfields; k++) {
      buf_putc(a, out, ' ');
      put_token(a, out, g->fields[k]);
    }
    buf_printf(a, out, " %ld %ld\n", g->lo, g->hi);
  }
}

static void put_sfn(const SummaryTable *st, const char *unit, const SFn *sf, Buf *out, Arena *a) {
  buf_puts(a, out, "sfn ");
  put_token(a, out, sf->name);
  buf_printf(a, out, " %d %d %016llx\n", sf->is_static, sf->local_ok, (unsigned long long)sf->fp);
  for (int k = 0; k < sf->pr.writes.len; k++)
    put_line(a, out, "sw", sf->pr.writes.data[k]);
  for (int k = 0; k < sf->pr.calls.len; k++)
    put_line(a, out, "sc", sf->pr.calls.data[k]);
  for (int k = 0; k < sf->pr.args.len; k++)
    put_line(a, out, "sa", sf->pr.args.data[k]);
  put_gfacts(st, unit, sf, out, a);
}

void summary_write_facts(const SummaryTable *st, const char *unit, Buf *out, Arena *a) {
  const UnitFacts *uf = facts_of(st, unit);
  if (!uf) return;
  buf_printf(a, out, "clean %d\nmain %d\n", uf->clean, uf->main);
  for (int k = 0; k < uf->escaped.len; k++)
    put_line(a, out, "escaped", uf->escaped.data[k]);
  for (int k = 0; k < uf->defs.len; k++) {
    const FactDef *d = uf->defs.data[k];
    buf_puts(a, out, "def ");
    put_token(a, out, d->name);
    buf_printf(a, out, " %d %d %d %d\n", d->nparams, d->local_ok, d->exported, d->hidden);
  }
  for (int k = 0; k < uf->calls.len; k++) {
    const CallFacts *cf = uf->calls.data[k];
    buf_puts(a, out, "call ");
    put_token(a, out, cf->callee);
    buf_printf(a, out, " %d", cf->nargs);
    for (int i = 0; i < cf->nargs; i++)
      put_fact(a, out, cf->args[i]);
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < uf->unknown.len; k++)
    put_line(a, out, "unknown", uf->unknown.data[k]);
  for (int k = 0; k < uf->fails.len; k++) {
    const FailRec *r = uf->fails.data[k];
    buf_puts(a, out, "fail ");
    put_token(a, out, r->callee);
    put_fail_site(a, out, &r->site);
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < uf->sfns.len; k++)
    put_sfn(st, uf->unit, uf->sfns.data[k], out, a);
  for (int k = 0; k < uf->skeys.len; k++)
    put_line(a, out, "skey", uf->skeys.data[k]);
  buf_printf(a, out, "sdigest %016llx\n", (unsigned long long)st->sdigest);
}

/* One `sfact VAR NFIELDS FIELD... LO HI` line (n tokens) onto sf. */
static bool read_sfact(Reader *r, char **tok, int n, SFn *sf) {
  int nf = n >= 3 ? atoi(tok[2]) : -1;
  if (!sf || nf < 1 || nf > STARTUP_MAX_FIELDS || n != 5 + nf) return false;
  GlobalFact *g = ARENA_ARRAY(&r->st->arena, GlobalFact, sf->ngfacts + 1);
  if (sf->ngfacts) memcpy(g, sf->gfacts, sizeof *g * (size_t)sf->ngfacts);
  GlobalFact *x = &g[sf->ngfacts];
  x->var = get_token(r, tok[1]);
  x->nfields = nf;
  for (int i = 0; i < nf; i++)
    x->fields[i] = get_token(r, tok[3 + i]);
  x->lo = strtol(tok[3 + nf], NULL, 10);
  x->hi = strtol(tok[4 + nf], NULL, 10);
  sf->gfacts = g;
  sf->ngfacts++;
  return true;
}

/* The startup pass's lines; false when the line is none of them. */
static bool read_startup_line(Reader *r, UnitFacts *uf, SFn **cur, char **tok, int n, bool *ok) {
  Arena *a = &r->st->arena;
  if (n == 5 && strcmp(tok[0], "sfn") == 0) {
    SFn *sf = ARENA_NEW(a, SFn);
    sf->name = get_token(r, tok[1]);
    sf->is_static = atoi(tok[2]) != 0;
    sf->local_ok = atoi(tok[3]) != 0;
    sf->fp = strtoull(tok[4], NULL, 16);
    vec_push(a, &uf->sfns, sf);
    *cur = sf;
  } else if (n == 2 && (strcmp(tok[0], "sw") == 0 || strcmp(tok[0], "sc") == 0 ||
                        strcmp(tok[0], "sa") == 0)) {
    Vec *v = !*cur              ? NULL
             : tok[0][1] == 'w' ? &(*cur)->pr.writes
             : tok[0][1] == 'c' ? &(*cur)->pr.calls
                                : &(*cur)->pr.args;
    if (v) vec_push(a, v, get_token(r, tok[1]));
    *ok = v != NULL;
  } else if (strcmp(tok[0], "sfact") == 0) {
    *ok = read_sfact(r, tok, n, *cur);
  } else if (n == 2 && strcmp(tok[0], "skey") == 0) {
    vec_push(a, &uf->skeys, get_token(r, tok[1]));
  } else if (n == 2 && strcmp(tok[0], "sdigest") == 0) {
    uf->sdigest = strtoull(tok[1], NULL, 16);
  } else {
    return false;
  }
  return true;
}

static int read_facts(SummaryTable *st, UnitFacts *uf, const char *text, char *err, int errlen) {
  Reader r = {st, NULL, err, errlen, 0, {0}, 0, false, {0}};
  Arena *a = &st->arena;
  SFn *cur = NULL;
  for (const char *p = text; *p;) {
    char *line = take_line(a, &p);
    r.line++;
    char *tok[6 + 3 * CALL_FACT_ARGS + 2 * FAIL_SITE_ARGS];
    int n = 0;
    for (char *t = strtok(line, " "); t && n < (int)(sizeof tok / sizeof tok[0]);
         t = strtok(NULL, " "))
      tok[n++] = t;
    if (n == 0) continue;
    if (n == 2 && strcmp(tok[0], "clean") == 0) {
      uf->clean = atoi(tok[1]) != 0;
    } else if (n == 2 && strcmp(tok[0], "main") == 0) {
      uf->main = atoi(tok[1]) != 0;
    } else if (n == 2 && strcmp(tok[0], "escaped") == 0) {
      vec_push(a, &uf->escaped, get_token(&r, tok[1]));
    } else if (n == 2 && strcmp(tok[0], "unknown") == 0) {
      vec_push(a, &uf->unknown, get_token(&r, tok[1]));
    } else if (n == 6 && strcmp(tok[0], "def") == 0) {
      FactDef *d = ARENA_NEW(a, FactDef);
      *d = (FactDef){get_token(&r, tok[1]), atoi(tok[2]), atoi(tok[3]) != 0, atoi(tok[4]) != 0,
                     atoi(tok[5]) != 0};
      vec_push(a, &uf->defs, d);
    } else if (n >= 3 && strcmp(tok[0], "call") == 0) {
      CallFacts *cf = ARENA_NEW(a, CallFacts);
      cf->callee = get_token(&r, tok[1]);
      cf->nargs = atoi(tok[2]);
      if (cf->nargs < 0 || cf->nargs > CALL_FACT_ARGS || n != 3 + 3 * cf->nargs)
        return read_fail(&r, "bad call facts"), -1;
      for (int i = 0; i < cf->nargs; i++)
        cf->args[i] = (ArgFact){strtol(tok[3 + 3 * i], NULL, 10), strtol(tok[4 + 3 * i], NULL, 10),
                                atoi(tok[5 + 3 * i]) != 0};
      vec_push(a, &uf->calls, cf);
    } else if (n >= 2 && strcmp(tok[0], "fail") == 0) {
      FailRec *fr = ARENA_NEW(a, FailRec);
      fr->callee = get_token(&r, tok[1]);
      if (!read_fail_site(tok + 2, n - 2, &fr->site)) return read_fail(&r, "bad fail site"), -1;
      vec_push(a, &uf->fails, fr);
    } else {
      bool ok = true;
      if (!read_startup_line(&r, uf, &cur, tok, n, &ok))
        return read_fail(&r, "unknown statement"), -1;
      if (!ok) return read_fail(&r, "bad startup facts"), -1;
    }
  }
  return 0;
}

int summary_read_facts(SummaryTable *st, const char *unit, const char *text, char *err,
                       int errlen) {
  UnitFacts *uf = ARENA_NEW(&st->arena, UnitFacts);
  uf->unit = arena_strdup(&st->arena, unit);
  uf->read = true;
  if (read_facts(st, uf, text, err, errlen) != 0) return -1;
  vec_push(&st->arena, &st->facts, uf);
  st->nread_facts++;
  return 0;
}

int summary_read_prior(SummaryTable *st, const char *unit, const char *text, char *err,
                       int errlen) {
  UnitFacts *uf = ARENA_NEW(&st->arena, UnitFacts);
  uf->unit = arena_strdup(&st->arena, unit);
  if (read_facts(st, uf, text, err, errlen) != 0) return -1;
  vec_push(&st->arena, &st->prior, uf);
  return 0;
}

/* Lines in an order that does not depend on the order the units were
   read or computed in. */
static void put_sorted(Arena *a, Buf *out, Vec *lines) {
  qsort(lines->data, (size_t)lines->len, sizeof(void *), by_text);
  for (int i = 0; i < lines->len; i++)
    buf_puts(a, out, lines->data[i]);
}

/* The call sites the engine is handed (summary_call_sites) and how each
   call site treats failure (summary_failure_uses). */
static void put_sites(const Entry *e, Buf *out, Arena *a) {
  Vec lines = {0};
  /* Past MAX_SITES the engine gets none, and which were kept depends on
     the order the units came in. */
  for (int i = 0; i < e->nsites && e->nsites <= MAX_SITES; i++) {
    Buf b = {0};
    buf_printf(a, &b, "  site %d", e->sites[i]->nargs);
    for (int k = 0; k < e->sites[i]->nargs; k++)
      put_fact(a, &b, e->sites[i]->args[k]);
    buf_putc(a, &b, '\n');
    vec_push(a, &lines, (void *)buf_str(a, &b));
  }
  for (int i = 0; i < e->fail_sites.len; i++) {
    Buf b = {0};
    buf_puts(a, &b, "  fail");
    put_fail_site(a, &b, e->fail_sites.data[i]);
    buf_putc(a, &b, '\n');
    vec_push(a, &lines, (void *)buf_str(a, &b));
  }
  put_sorted(a, out, &lines);
}

void summary_write_unit_pre(const SummaryTable *st, const char *unit, Buf *out, Arena *a) {
  const UnitFacts *uf = facts_of(st, unit);
  for (int k = 0; uf && k < uf->defs.len; k++) {
    const FactDef *d = uf->defs.data[k];
    const Entry *e = entry_get(st, NULL, d->name);
    buf_puts(a, out, "pre ");
    put_token(a, out, d->name);
    if (!e || e->ambiguous || !e->pre_closed || e->pre_unknown || !e->pre ||
        e->npre != d->nparams) {
      buf_puts(a, out, " none\n");
      if (e && !e->ambiguous && e->pre_closed && !e->pre_unknown) put_sites(e, out, a);
      continue;
    }
    for (int i = 0; i < e->npre; i++)
      put_fact(a, out, e->pre[i]);
    buf_printf(a, out, " sites %d\n", e->nsites);
    put_sites(e, out, a);
  }
  for (int k = 0; uf && k < uf->sfns.len; k++) {
    const SFn *sf = uf->sfns.data[k];
    put_line(a, out, "startup", sf->name);
    put_gfacts(st, unit, sf, out, a);
  }
}
