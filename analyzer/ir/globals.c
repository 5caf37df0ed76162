/*
 * globals.c - file-scope variables whose value the program fixes.
 *
 * `static const int max_conns = 64;`, or `static int use_tls = 0;` that no
 * function of its unit ever assigns: a branch on such a variable has one
 * feasible side, and assuming both invents paths (a socket opened only
 * under a flag that is always off). The front end records which variables
 * each unit defines with a constant initializer and which it writes or
 * takes the address of (any write through a pointer starts with `&`);
 * this pass marks the Vars whose reads may use the initial value.
 *
 * Without the whole program a non-static variable may be written by a
 * unit we do not see, so only const and static ones qualify. When the
 * units given are the whole program (a whole-program run, and one of them
 * defines main: a library's globals are the business of its users too) an
 * external variable qualifies as well, if exactly one unit defines it and
 * none writes it.
 */
#include "ir.h"

#include <string.h>

/* Per name: the unit's definition, whether the unit writes it, and over
   all units (whole program) the one external definition and any write. */
typedef struct Fix {
  Arena a;
  Map unit_defs, unit_writes; /* the unit being marked */
  Map prog_defs, prog_writes; /* every unit */
} Fix;

static const int MARK = 1, AMBIGUOUS = 2;

static void index_unit(Fix *x, const Unit *u) {
  x->unit_defs = (Map){0};
  x->unit_writes = (Map){0};
  for (int i = 0; i < u->nglobals; i++)
    map_put(&x->a, &x->unit_defs, str_hash(u->globals[i]->name), u->globals[i]->name, u->globals[i],
            str_eq);
  for (int i = 0; i < u->nwritten; i++)
    map_put(&x->a, &x->unit_writes, str_hash(u->written[i]), u->written[i], (void *)&MARK, str_eq);
}

static void index_program(Fix *x, Unit **units, int n) {
  for (int i = 0; i < n; i++) {
    const Unit *u = units[i];
    for (int k = 0; u && k < u->nglobals; k++) {
      const GlobalVar *g = u->globals[k];
      if (g->is_static) continue;
      unsigned h = str_hash(g->name);
      /* Defined twice (two programs, or common symbols): no value is sure. */
      void *old = map_get(&x->prog_defs, h, g->name, str_eq);
      map_put(&x->a, &x->prog_defs, h, g->name, old ? (void *)&AMBIGUOUS : (void *)g, str_eq);
    }
    for (int k = 0; u && k < u->nwritten; k++)
      map_put(&x->a, &x->prog_writes, str_hash(u->written[k]), u->written[k], (void *)&MARK,
              str_eq);
  }
}

static bool fixed_value(Fix *x, const Var *v, bool whole, long *out) {
  if (v->kind != VAR_GLOBAL || (v->type != TY_INT && v->type != TY_POINTER)) return false;
  unsigned h = str_hash(v->name);
  const GlobalVar *g = map_get(&x->unit_defs, h, v->name, str_eq);
  if (g && g->has_value && g->is_const) {
    *out = g->value;
    return true;
  }
  if (g && g->is_static) {
    if (!g->has_value || map_get(&x->unit_writes, h, v->name, str_eq)) return false;
    *out = g->value;
    return true;
  }
  if (!whole) return false;
  const void *d = map_get(&x->prog_defs, h, v->name, str_eq);
  if (!d || d == &AMBIGUOUS || map_get(&x->prog_writes, h, v->name, str_eq)) return false;
  g = d;
  if (!g->has_value) return false;
  *out = g->value;
  return true;
}

bool ir_is_program(Unit **units, int nunits) {
  for (int i = 0; i < nunits; i++)
    for (int k = 0; units[i] && k < units[i]->nfuncs; k++)
      if (strcmp(units[i]->funcs[k]->name, "main") == 0 && !units[i]->funcs[k]->is_static)
        return true;
  return false;
}

void ir_fix_globals(Unit **units, int nunits, bool whole_program) {
  Fix x = {0};
  arena_init(&x.a);
  whole_program = whole_program && ir_is_program(units, nunits);
  for (int i = 0; i < nunits; i++)
    if (units[i] && !units[i]->uses_known) whole_program = false;
  if (whole_program) index_program(&x, units, nunits);
  for (int i = 0; i < nunits; i++) {
    Unit *u = units[i];
    if (!u) continue;
    index_unit(&x, u);
    bool known = u->uses_known;
    for (int k = 0; k < u->nfuncs; k++) {
      Func *f = u->funcs[k];
      for (int j = 0; j < f->nvars; j++) {
        Var *v = f->vars[j];
        long c;
        v->fixed = known && fixed_value(&x, v, whole_program, &c);
        v->fixed_value = v->fixed ? c : 0;
      }
    }
  }
  arena_free(&x.a);
}
