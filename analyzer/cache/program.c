/*
 * program.c - what a unit adds to the facts only the whole program can
 * give, so a run that takes the unit from the cache can still compute them.
 *
 * Two passes of a whole-program run read every unit's IR: globals the
 * program never writes read as their value (ir_fix_globals), and a
 * function-pointer variable with external linkage may hold what any unit
 * stores into it (unit_merge_fnptrs). For a unit that is not parsed, the
 * entry keeps what those passes read of it, written before they ran:
 *
 *   known 1                         (the front end recorded uses)
 *   func NAME 1                     (a function it defines; 1: static)
 *   global NAME STATIC CONST HAS_VALUE VALUE
 *   written NAME
 *   fnptr NAME UNKNOWN              (external linkage), then per target:
 *   target NAME
 *   read NAME TYPE                  (a file-scope variable its code reads)
 *
 * cache_program_unit turns that back into a Unit with no code, only those
 * facts and one empty function holding the variables it reads, which the
 * two passes take like any other unit. cache_program_context then says what
 * the passes decided for the unit (the values of the globals it reads, the
 * targets of its external function pointers); it reads a parsed unit and a
 * rebuilt one alike, so an entry's results stand while it is unchanged.
 */
#include "cache_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_read(const Var *v) {
  return v->kind == VAR_GLOBAL && (v->type == TY_INT || v->type == TY_POINTER);
}

/* The distinct global variables the unit's code reads, by name. */
static int reads_of(const Unit *u, Arena *a, const Var ***out) {
  Map seen = {0};
  Vec v = {0};
  for (int k = 0; k < u->nfuncs; k++)
    for (int j = 0; j < u->funcs[k]->nvars; j++) {
      const Var *x = u->funcs[k]->vars[j];
      if (!is_read(x) || map_get(&seen, str_hash(x->name), x->name, str_eq)) continue;
      map_put(a, &seen, str_hash(x->name), x->name, (void *)x, str_eq);
      vec_push(a, &v, (void *)x);
    }
  *out = (const Var **)v.data;
  return v.len;
}

void cache_program_write(const Unit *u, Buf *out, Arena *a) {
  buf_printf(a, out, "known %d\n", u->uses_known);
  for (int k = 0; k < u->nfuncs; k++) {
    buf_puts(a, out, "func ");
    tok_put(a, out, u->funcs[k]->name);
    buf_printf(a, out, " %d\n", u->funcs[k]->is_static);
  }
  for (int k = 0; k < u->nglobals; k++) {
    const GlobalVar *g = u->globals[k];
    buf_puts(a, out, "global ");
    tok_put(a, out, g->name);
    buf_printf(a, out, " %d %d %d %ld\n", g->is_static, g->is_const, g->has_value, g->value);
  }
  for (int k = 0; k < u->nwritten; k++) {
    buf_puts(a, out, "written ");
    tok_put(a, out, u->written[k]);
    buf_putc(a, out, '\n');
  }
  for (int k = 0; k < u->nfnptrs; k++) {
    const FnTargets *t = u->fnptrs[k];
    if (!t->is_extern) continue;
    buf_puts(a, out, "fnptr ");
    tok_put(a, out, t->name);
    buf_printf(a, out, " %d\n", t->unknown);
    for (int i = 0; i < t->ntargets; i++) {
      buf_puts(a, out, "target ");
      tok_put(a, out, t->targets[i]);
      buf_putc(a, out, '\n');
    }
  }
  const Var **reads;
  int n = reads_of(u, a, &reads);
  for (int k = 0; k < n; k++) {
    buf_puts(a, out, "read ");
    tok_put(a, out, reads[k]->name);
    buf_printf(a, out, " %d\n", (int)reads[k]->type);
  }
}

Unit *cache_program_unit(const char *path, const char *text) {
  Unit *u = unit_new(path);
  Arena *a = &u->arena;
  char *p = arena_strdup(a, text), *line;
  bool ok = true;
  Vec funcs = {0}, globals = {0}, written = {0}, fnptrs = {0}, targets = {0}, reads = {0};
  FnTargets *cur = NULL;
  Func *holder = ARENA_NEW(a, Func); /* the variables the unit reads */
  holder->name = "";
  holder->is_static = true;
  holder->unit = u;
  vec_push(a, &funcs, holder);
  while (ok && (line = next_line(&p))) {
    char *t[7];
    int n = tok_split(line, t, 7);
    if (n == 2 && strcmp(t[0], "known") == 0) {
      u->uses_known = atoi(t[1]) != 0;
    } else if (n == 3 && strcmp(t[0], "func") == 0) {
      Func *f = ARENA_NEW(a, Func);
      f->name = tok_get(a, t[1], &ok);
      f->is_static = atoi(t[2]) != 0;
      f->unit = u;
      vec_push(a, &funcs, f);
    } else if (n == 6 && strcmp(t[0], "global") == 0) {
      GlobalVar *g = ARENA_NEW(a, GlobalVar);
      g->name = tok_get(a, t[1], &ok);
      g->is_static = atoi(t[2]) != 0;
      g->is_const = atoi(t[3]) != 0;
      g->has_value = atoi(t[4]) != 0;
      g->value = strtol(t[5], NULL, 10);
      vec_push(a, &globals, g);
    } else if (n == 2 && strcmp(t[0], "written") == 0) {
      vec_push(a, &written, (void *)tok_get(a, t[1], &ok));
    } else if (n == 3 && strcmp(t[0], "fnptr") == 0) {
      if (cur) {
        cur->ntargets = targets.len;
        cur->targets = (const char **)targets.data;
      }
      targets = (Vec){0};
      cur = ARENA_NEW(a, FnTargets);
      cur->name = tok_get(a, t[1], &ok);
      cur->is_extern = true;
      cur->unknown = atoi(t[2]) != 0;
      vec_push(a, &fnptrs, cur);
    } else if (n == 2 && strcmp(t[0], "target") == 0 && cur) {
      vec_push(a, &targets, (void *)tok_get(a, t[1], &ok));
    } else if (n == 3 && strcmp(t[0], "read") == 0) {
      Var *v = ARENA_NEW(a, Var);
      v->name = tok_get(a, t[1], &ok);
      v->kind = VAR_GLOBAL;
      v->type = (TypeClass)atoi(t[2]);
      v->id = reads.len;
      vec_push(a, &reads, v);
    } else {
      ok = false;
    }
  }
  if (cur) {
    cur->ntargets = targets.len;
    cur->targets = (const char **)targets.data;
  }
  if (!ok) {
    unit_delete(u);
    return NULL;
  }
  holder->nvars = reads.len;
  holder->vars = (Var **)reads.data;
  u->nfuncs = funcs.len;
  u->funcs = (Func **)funcs.data;
  u->nglobals = globals.len;
  u->globals = (GlobalVar **)globals.data;
  u->nwritten = written.len;
  u->written = (const char **)written.data;
  u->nfnptrs = fnptrs.len;
  u->fnptrs = (FnTargets **)fnptrs.data;
  return u;
}

static int by_name(const void *pa, const void *pb) {
  const Var *a = *(const Var *const *)pa, *b = *(const Var *const *)pb;
  return strcmp(a->name, b->name);
}

static int fn_by_name(const void *pa, const void *pb) {
  const FnTargets *a = *(const FnTargets *const *)pa, *b = *(const FnTargets *const *)pb;
  return strcmp(a->name, b->name);
}

void cache_program_context(const Unit *u, Buf *out, Arena *a) {
  const Var **reads;
  int n = reads_of(u, a, &reads);
  qsort(reads, (size_t)n, sizeof *reads, by_name);
  for (int k = 0; k < n; k++) {
    tok_put(a, out, reads[k]->name);
    if (reads[k]->fixed)
      buf_printf(a, out, " = %ld\n", reads[k]->fixed_value);
    else
      buf_puts(a, out, " varies\n");
  }
  Vec v = {0};
  for (int k = 0; k < u->nfnptrs; k++)
    if (u->fnptrs[k]->is_extern) vec_push(a, &v, u->fnptrs[k]);
  qsort(v.data, (size_t)v.len, sizeof(void *), fn_by_name);
  for (int k = 0; k < v.len; k++) {
    const FnTargets *t = v.data[k];
    buf_puts(a, out, "fnptr ");
    tok_put(a, out, t->name);
    buf_printf(a, out, " %d", t->unknown);
    for (int i = 0; i < t->ntargets; i++) {
      buf_putc(a, out, ' ');
      tok_put(a, out, t->targets[i]);
    }
    buf_putc(a, out, '\n');
  }
}
