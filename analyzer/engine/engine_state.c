/*
 * engine_state.c - the abstract state of one path: memory cells mapped to
 * value ids, facts on those values, the resources they hold.
 *
 * States at block entries are stored in canonical form: dead variables
 * dropped, unreachable values collected, value ids renumbered in an order
 * that depends only on the state's structure, so two paths that reach a
 * block in the same situation give byte-for-byte equal states and the
 * second is not explored again. That is what makes loops converge: facts
 * only come from constants written in the program, values built by
 * arithmetic are unknown, so the states a block can see are finitely many.
 */
#include "engine_int.h"

#include <limits.h>
#include <string.h>

/* ---- Interning ---------------------------------------------------------- */

const char *intern_str(Ctx *x, const char *s) {
  if (!s) return NULL;
  if (x->nstrs * 2 >= x->cap_strs) {
    int cap = x->cap_strs ? x->cap_strs * 2 : 64;
    const char **t = ARENA_ARRAY(&x->keep, const char *, cap);
    for (int i = 0; i < x->cap_strs; i++) {
      const char *e = x->strs[i];
      if (!e) continue;
      unsigned j = str_hash(e) & (unsigned)(cap - 1);
      while (t[j])
        j = (j + 1) & (unsigned)(cap - 1);
      t[j] = e;
    }
    x->strs = t;
    x->cap_strs = cap;
  }
  unsigned j = str_hash(s) & (unsigned)(x->cap_strs - 1);
  while (x->strs[j]) {
    if (strcmp(x->strs[j], s) == 0) return x->strs[j];
    j = (j + 1) & (unsigned)(x->cap_strs - 1);
  }
  x->strs[j] = s;
  x->nstrs++;
  return s;
}

static unsigned hash_chain(int parent, bool is_index, const char *field, long index) {
  unsigned h = (unsigned)parent * 2654435761u;
  h ^= is_index ? (unsigned)index * 40503u + 1u : (unsigned)(uintptr_t)field * 2246822519u;
  return h ^ (h >> 15);
}

static void chain_rehash(Ctx *x, int cap) {
  int *t = ARENA_ARRAY(&x->keep, int, cap);
  for (int i = 0; i < cap; i++)
    t[i] = -1;
  for (int id = 1; id < x->nchains; id++) {
    ChainNode *n = &x->chains[id];
    unsigned j = hash_chain(n->parent, n->is_index, n->field, n->index) & (unsigned)(cap - 1);
    while (t[j] >= 0)
      j = (j + 1) & (unsigned)(cap - 1);
    t[j] = id;
  }
  x->chain_hash = t;
  x->chain_hash_cap = cap;
}

int chain_step(Ctx *x, int parent, bool is_index, const char *field, long index) {
  if (!x->chains) {
    x->cap_chains = 64;
    x->chains = ARENA_ARRAY(&x->keep, ChainNode, x->cap_chains);
    x->nchains = 1; /* chain 0: the empty chain */
    chain_rehash(x, 128);
  }
  if (!is_index)
    field = intern_str(x, field ? field : "?");
  else
    field = NULL;
  unsigned mask = (unsigned)(x->chain_hash_cap - 1);
  unsigned j = hash_chain(parent, is_index, field, index) & mask;
  for (; x->chain_hash[j] >= 0; j = (j + 1) & mask) {
    ChainNode *n = &x->chains[x->chain_hash[j]];
    if (n->parent == parent && n->is_index == is_index && n->field == field &&
        (!is_index || n->index == index))
      return x->chain_hash[j];
  }
  if (x->nchains == x->cap_chains) {
    ChainNode *t = ARENA_ARRAY(&x->keep, ChainNode, x->cap_chains * 2);
    memcpy(t, x->chains, sizeof(ChainNode) * (size_t)x->nchains);
    x->chains = t;
    x->cap_chains *= 2;
  }
  int id = x->nchains++;
  x->chains[id] = (ChainNode){parent, x->chains[parent].depth + 1, is_index, field, index};
  if (x->nchains * 2 > x->chain_hash_cap)
    chain_rehash(x, x->chain_hash_cap * 2);
  else
    x->chain_hash[j] = id;
  return id;
}

bool chain_is_prefix(const Ctx *x, int prefix, int chain) {
  if (prefix == 0) return true;
  int dp = x->chains[prefix].depth;
  while (chain && x->chains[chain].depth > dp)
    chain = x->chains[chain].parent;
  return chain == prefix;
}

bool cell_within(const Ctx *x, Cell c, Cell prefix) {
  return c.root == prefix.root && chain_is_prefix(x, prefix.chain, c.chain);
}

/* Re-roots the steps of `chain` below `from` onto `onto`. */
static int chain_rebase(Ctx *x, int chain, int from, int onto) {
  if (chain == from) return onto;
  ChainNode n = x->chains[chain];
  int up = chain_rebase(x, n.parent, from, onto);
  return chain_step(x, up, n.is_index, n.field, n.index);
}

const Origin *origin_extend(Ctx *x, const Origin *o, TargetStep st) {
  if (!o || o->nsteps >= TARGET_MAX_STEPS) return NULL;
  if (st.kind == STEP_FIELD) st.field = intern_str(x, st.field);
  for (int i = 0; i < x->origins.len; i++) {
    const Origin *e = x->origins.data[i];
    if (e->arg != o->arg || e->nsteps != o->nsteps + 1) continue;
    bool same = true;
    for (int k = 0; k <= o->nsteps && same; k++) {
      TargetStep a = k < o->nsteps ? o->steps[k] : st, b = e->steps[k];
      same = a.kind == b.kind && a.field == b.field && a.index == b.index;
    }
    if (same) return e;
  }
  Origin *n = ARENA_NEW(&x->keep, Origin);
  *n = *o;
  n->id = x->origins.len;
  n->steps[n->nsteps++] = st;
  vec_push(&x->keep, &x->origins, n);
  return n;
}

static const Origin *origin_of_param(Ctx *x, int arg) {
  for (int i = 0; i < x->origins.len; i++) {
    const Origin *e = x->origins.data[i];
    if (e->arg == arg && e->nsteps == 0) return e;
  }
  Origin *n = ARENA_NEW(&x->keep, Origin);
  n->id = x->origins.len;
  n->arg = arg;
  vec_push(&x->keep, &x->origins, n);
  return n;
}

static const Origin *origin_of_chain(Ctx *x, const Origin *o, int chain) {
  if (!o || chain == 0) return o;
  ChainNode n = x->chains[chain];
  const Origin *up = origin_of_chain(x, o, n.parent);
  TargetStep st = {n.is_index ? STEP_INDEX : STEP_FIELD, n.field, n.index};
  return origin_extend(x, up, st);
}

/* Where a cell sits in memory the caller passed in: `arg0->fd` is the
   object of parameter 0's value, then field fd. */
const Origin *origin_of_cell(Ctx *x, const State *s, Cell c) {
  if (c.root >= 0) return NULL;
  const Origin *o = s->vals[VAL_OF_ROOT(c.root)].origin;
  if (!o) return NULL;
  o = origin_extend(x, o, (TargetStep){STEP_DEREF, NULL, 0});
  return origin_of_chain(x, o, c.chain);
}

/* ---- States and values ---------------------------------------------------- */

#define GROW(x, arr, n, cap, T)                                                                    \
  do {                                                                                             \
    if ((n) == (cap)) {                                                                            \
      int ncap_ = (cap) ? (cap)*2 : 8;                                                             \
      T *t_ = ARENA_ARRAY(&(x)->a, T, ncap_);                                                      \
      if (n) memcpy(t_, (arr), sizeof(T) * (size_t)(n));                                           \
      (arr) = t_;                                                                                  \
      (cap) = ncap_;                                                                               \
    }                                                                                              \
  } while (0)

State *state_new(Ctx *x) {
  return ARENA_NEW(&x->keep, State);
}

#define CLONE_ARR(x, dst, src, n, cap, T, slack)                                                   \
  do {                                                                                             \
    (cap) = (n) + (slack);                                                                         \
    (dst) = ARENA_ARRAY(&(x)->a, T, (cap));                                                        \
    if (n) memcpy((dst), (src), sizeof(T) * (size_t)(n));                                          \
  } while (0)

State *state_clone(Ctx *x, const State *s) {
  State *n = ARENA_NEW(&x->a, State);
  *n = *s;
  CLONE_ARR(x, n->slots, s->slots, s->nslots, n->cap_slots, Slot, 8);
  CLONE_ARR(x, n->vals, s->vals, s->nvals, n->cap_vals, Val, 16);
  CLONE_ARR(x, n->res, s->res, s->nres, n->cap_res, Res, 2);
  CLONE_ARR(x, n->exposed, s->exposed, s->nexposed, n->cap_exposed, Cell, 0);
  CLONE_ARR(x, n->pe, s->pe, s->npe, n->cap_pe, ParamEffect, 0);
  CLONE_ARR(x, n->rels, s->rels, s->nrels, n->cap_rels, Rel, 1);
  n->dead = false;
  return n;
}

void val_set_top(Val *v) {
  v->lo = LONG_MIN;
  v->hi = LONG_MAX;
  v->nne = 0;
}

int val_new(Ctx *x, State *s) {
  GROW(x, s->vals, s->nvals, s->cap_vals, Val);
  Val *v = &s->vals[s->nvals];
  memset(v, 0, sizeof *v);
  val_set_top(v);
  v->kind = VK_PLAIN;
  v->cmp_val = -1;
  v->base = -1;
  return s->nvals++;
}

int val_const(Ctx *x, State *s, long c) {
  int v = val_new(x, s);
  val_set_const(&s->vals[v], c);
  return v;
}

int val_addr(Ctx *x, State *s, Cell c) {
  int v = val_new(x, s);
  s->vals[v].kind = VK_ADDR;
  s->vals[v].addr = c;
  val_refine(&s->vals[v], CMP_NE, 0);
  return v;
}

int slot_find(const State *s, Cell c) {
  for (int i = 0; i < s->nslots; i++)
    if (s->slots[i].cell.root == c.root && s->slots[i].cell.chain == c.chain) return i;
  return -1;
}

static void slot_set(Ctx *x, State *s, Cell c, int v) {
  int i = slot_find(s, c);
  if (i >= 0) {
    s->slots[i].val = v;
    return;
  }
  GROW(x, s->slots, s->nslots, s->cap_slots, Slot);
  s->slots[s->nslots++] = (Slot){c, v};
}

static void slot_remove_below(Ctx *x, State *s, Cell c) {
  int k = 0;
  for (int i = 0; i < s->nslots; i++) {
    Cell e = s->slots[i].cell;
    if (e.chain != c.chain && cell_within(x, e, c)) continue;
    s->slots[k++] = s->slots[i];
  }
  s->nslots = k;
}

/* The object a value points to. False for the address of an element we
   cannot tell (`&a[i]`): writes through it are lost track of. */
bool cell_deref(Ctx *x, const State *s, int v, Cell *out) {
  if (s->vals[v].kind == VK_ADDR)
    *out = s->vals[v].addr;
  else
    *out = (Cell){ROOT_OF_VAL(v), 0};
  return !(s->vals[v].kind == VK_ADDR && s->vals[v].inexact);
}

/* Does local array var still hold state_entry's mark (elements not written
   hold no value)? */
static bool uninit_mark(const State *s, int var) {
  int i = slot_find(s, (Cell){var, 0});
  return i >= 0 && s->vals[s->slots[i].val].uninit;
}

int read_cell(Ctx *x, State *s, Cell c) {
  int i = slot_find(s, c);
  if (i >= 0) return s->slots[i].val;
  int v = val_new(x, s);
  if (c.root >= 0) {
    /* A parameter, or a field of a struct passed by value (`arg0.fd`):
       the caller's own resource travels in that copy. */
    const Var *var = x->f->vars[c.root];
    if (var->kind == VAR_PARAM && c.root < x->f->nparams &&
        (c.chain == 0 || var->type == TY_RECORD)) {
      s->vals[v].origin = origin_of_chain(x, origin_of_param(x, c.root), c.chain);
      if (x->pre && c.chain == 0) { /* what every caller passes */
        const ArgFact *a = &x->pre[c.root];
        s->vals[v].lo = a->lo;
        s->vals[v].hi = a->hi;
        if (a->nonzero) val_refine(&s->vals[v], CMP_NE, 0);
      }
    } else if (var->fixed && c.chain == 0) { /* a global the program never changes */
      val_set_const(&s->vals[v], var->fixed_value);
    } else if (var->kind == VAR_GLOBAL && c.chain) { /* a field main set up */
      for (int k = 0; k < x->ngfacts; k++)
        if (x->gfacts[k].cell.root == c.root && x->gfacts[k].cell.chain == c.chain) {
          s->vals[v].lo = x->gfacts[k].lo;
          s->vals[v].hi = x->gfacts[k].hi;
        }
    }
    /* An element of `int fds[2];` nothing wrote: the array's own cell
       still holds the mark state_entry put there (a callee given the
       array, note_filled, or a join with a path that wrote the element,
       removes it), its address never left, and it is no table (whose
       plain values states do not keep). */
    s->vals[v].uninit = var->no_init && c.chain && uninit_mark(s, c.root) &&
                        !cell_is_external(x, s, c) && !var_is_table(x, c.root);
  } else {
    s->vals[v].origin = origin_of_cell(x, s, c);
  }
  slot_set(x, s, c, v);
  return v;
}

State *state_entry(Ctx *x) {
  State *s = state_new(x);
  for (int i = 0; i < x->f->nvars; i++)
    if (x->f->vars[i]->no_init) {
      int v = val_new(x, s);
      s->vals[v].uninit = true;
      slot_set(x, s, (Cell){i, 0}, v);
    }
  return s;
}

void note_filled(Ctx *x, State *s, const Stmt *st) {
  for (int i = 0; i < st->nargs; i++) {
    const Expr *e = st->args[i];
    const Path *p = e->kind == EXPR_ADDR || e->kind == EXPR_PATH ? e->path : NULL;
    /* `fds` or `&fds[1]`: the array itself, not what a pointer in it holds. */
    if (!p || (e->kind == EXPR_PATH && (p->kind != PATH_VAR || p->var->type != TY_ARRAY))) continue;
    const Var *v = p->var;
    while (p->kind == PATH_INDEX || p->kind == PATH_FIELD)
      p = p->base;
    if (p->kind != PATH_VAR || !v->no_init) continue;
    if (uninit_mark(s, v->id)) slot_set(x, s, (Cell){v->id, 0}, val_new(x, s));
  }
}

static bool index_of(Ctx *x, State *s, const Path *p, long *out) {
  if (p->index_known) {
    *out = p->index;
    return true;
  }
  return p->index_expr && expr_const_value(x, s, p->index_expr, out);
}

int read_path(Ctx *x, State *s, const Path *p) {
  Cell c;
  if (p->kind == PATH_VAR && p->var->type == TY_ARRAY) return val_addr(x, s, (Cell){p->var->id, 0});
  if (!cell_of_path(x, s, p, &c)) return val_new(x, s);
  return read_cell(x, s, c);
}

bool cell_of_path(Ctx *x, State *s, const Path *p, Cell *out) {
  Cell b;
  long idx;
  switch (p->kind) {
  case PATH_VAR: *out = (Cell){p->var->id, 0}; return true;
  case PATH_FIELD:
    if (!cell_of_path(x, s, p->base, &b)) return false;
    *out = (Cell){b.root, chain_step(x, b.chain, false, p->storage ? p->storage : p->field, 0)};
    return true;
  case PATH_ARROW:
    if (!cell_deref(x, s, read_path(x, s, p->base), &b)) return false;
    *out = (Cell){b.root, chain_step(x, b.chain, false, p->storage ? p->storage : p->field, 0)};
    return true;
  case PATH_DEREF: return cell_deref(x, s, read_path(x, s, p->base), out);
  case PATH_INDEX:
    if (!index_of(x, s, p, &idx)) return false;
    /* A pointer variable indexes the object it points to; anything else
       (arrays, fields of unknown type) indexes its own storage. */
    if (p->base->kind == PATH_VAR && p->base->var->type == TY_POINTER) {
      if (!cell_deref(x, s, read_path(x, s, p->base), &b)) return false;
    } else if (!cell_of_path(x, s, p->base, &b))
      return false;
    *out = (Cell){b.root, chain_step(x, b.chain, true, NULL, idx)};
    return true;
  }
  return false;
}

/* The longest prefix of p that names a cell: &a[i] with unknown i gives a,
   and *exact says it was not the whole path. */
static Cell cell_of_path_prefix(Ctx *x, State *s, const Path *p, bool *exact) {
  Cell c;
  *exact = true;
  while (!cell_of_path(x, s, p, &c)) {
    *exact = false;
    if (!p->base) return (Cell){p->var->id, 0};
    /* p[i] through a pointer is inside the object p points to. */
    if (p->kind == PATH_INDEX && p->base->kind == PATH_VAR && p->base->var->type == TY_POINTER) {
      cell_deref(x, s, read_path(x, s, p->base), &c);
      return c;
    }
    p = p->base;
  }
  return c;
}

void note_unsigned_read(Ctx *x, State *s, const Expr *e, int v) {
  Val *val = &s->vals[v];
  if (e->is_unsigned && val->kind == VK_PLAIN && val->base < 0 && val->lo < 0 &&
      res_of_val(s, v) < 0 && val_may(val, CMP_GE, 0))
    refine_value(x, s, v, CMP_GE, 0);
}

static bool expr_reads_memory(const Expr *e) {
  if (e->kind == EXPR_PATH) return true;
  for (int i = 0; i < e->nops; i++)
    if (expr_reads_memory(e->ops[i])) return true;
  return false;
}

int eval_expr(Ctx *x, State *s, const Expr *e) {
  long c;
  if (!e) return val_new(x, s);
  switch (e->kind) {
  case EXPR_CONST: return val_const(x, s, e->value);
  case EXPR_STRING:
  case EXPR_FUNC: {
    int v = val_new(x, s);
    val_refine(&s->vals[v], CMP_NE, 0);
    return v;
  }
  case EXPR_PATH: {
    int v = read_path(x, s, e->path);
    note_unsigned_read(x, s, e, v);
    return v;
  }
  case EXPR_ADDR: {
    bool exact;
    int v = val_addr(x, s, cell_of_path_prefix(x, s, e->path, &exact));
    s->vals[v].inexact = !exact;
    return v;
  }
  case EXPR_CMP: return cmp_eval_value(x, s, e);
  case EXPR_OP:
    if (expr_const_value(x, s, e, &c)) {
      int v = val_const(x, s, c);
      s->vals[v].stepped = expr_reads_memory(e);
      return v;
    }
    if (e->nops == 1 && e->text && strcmp(e->text, "!") == 0) {
      Operand o = operand_of(x, s, e->ops[0]);
      int v = val_new(x, s);
      s->vals[v].kind = VK_CMP;
      s->vals[v].cmp_val = o.v;
      s->vals[v].cmp_op = CMP_EQ;
      s->vals[v].cmp_c = 0;
      val_refine(&s->vals[v], CMP_GE, 0);
      val_refine(&s->vals[v], CMP_LE, 1);
      return v;
    }
    {
      int d = arith_derive(x, s, e);
      if (d >= 0) return d;
    }
    {
      /* Other arithmetic gives an unknown value; remember the pointer it was
         derived from, so storing `p + 1` somewhere lets p escape too. A
         difference of two pointers is a number and derives from neither. */
      int base = -1, npointers = 0;
      for (int i = 0; i < e->nops; i++) {
        const Expr *o = e->ops[i];
        if (o->kind != EXPR_PATH && o->kind != EXPR_ADDR && o->kind != EXPR_OP) continue;
        int b = pointer_base(s, eval_expr(x, s, o));
        if (b >= 0) {
          npointers++;
          if (base < 0) base = b;
        }
      }
      if (npointers > 1 && e->text && strcmp(e->text, "-") == 0) base = -1;
      int v = val_new(x, s);
      s->vals[v].base = base;
      /* `flags | O_CLOEXEC` is never 0, whatever flags is. */
      long k;
      if (e->nops == 2 && e->text && strcmp(e->text, "|") == 0 &&
          ((expr_const_value(x, s, e->ops[0], &k) && k != 0) ||
           (expr_const_value(x, s, e->ops[1], &k) && k != 0)))
        val_refine(&s->vals[v], CMP_NE, 0);
      return v;
    }
  case EXPR_UNKNOWN: break;
  }
  return val_new(x, s);
}

/* ---- Resources and escapes ------------------------------------------------- */

int pointer_base(const State *s, int v) {
  int b = s->vals[v].base; /* flat: p + 1 + 1 is still p's */
  if (b < 0 && (res_of_val(s, v) >= 0 || s->vals[v].kind == VK_ADDR)) b = v;
  return b;
}

int res_of_val(const State *s, int v) {
  if (v < 0) return -1;
  for (int i = 0; i < s->nres; i++)
    if (s->res[i].val == v) return i;
  return -1;
}

void res_drop(State *s, int r) {
  memmove(&s->res[r], &s->res[r + 1], sizeof(Res) * (size_t)(s->nres - r - 1));
  s->nres--;
}

bool cell_is_external(Ctx *x, const State *s, Cell c) {
  for (int i = 0; i < s->nexposed; i++)
    if (cell_within(x, c, s->exposed[i])) return true;
  if (c.root >= 0) {
    VarKind k = x->f->vars[c.root]->kind;
    return k == VAR_GLOBAL || k == VAR_STATIC;
  }
  /* The object of a value: local only when it is a resource this function
     holds (a malloc'ed struct, not one handed to the caller); anything else
     may be visible to others. */
  int r = res_of_val(s, VAL_OF_ROOT(c.root));
  return r < 0 || s->res[r].status == RS_HANDED;
}

void pe_add(Ctx *x, State *s, ParamEffect e) {
  if (!x->summary_mode || !e.origin) return;
  /* Only an acquisition or a move is decided by a value. */
  if (e.what != PE_OUT_ACQ && e.what != PE_MOVED) e.cond_val = -1;
  for (int i = 0; i < s->npe; i++) {
    ParamEffect *p = &s->pe[i];
    if (p->origin == e.origin && p->what == e.what && p->family == e.family && p->acq == e.acq)
      return;
  }
  GROW(x, s->pe, s->npe, s->cap_pe, ParamEffect);
  s->pe[s->npe++] = e;
}

void expose_cell(Ctx *x, State *s, Cell c) {
  for (int i = 0; i < s->nexposed; i++)
    if (cell_within(x, c, s->exposed[i])) return;
  GROW(x, s->exposed, s->nexposed, s->cap_exposed, Cell);
  s->exposed[s->nexposed++] = c;
}

static void escape_rec(Ctx *x, State *s, int v, uint8_t *seen, Cell *into);

static void escape_below(Ctx *x, State *s, Cell c, uint8_t *seen) {
  for (int i = 0; i < s->nslots; i++)
    if (cell_within(x, s->slots[i].cell, c)) escape_rec(x, s, s->slots[i].val, seen, NULL);
}

/* Is c memory the caller passed: what a pointer parameter points to
   (`*out`), an element of an array parameter (`fds[1]`), or a field of a
   struct reached from one (`c->fd`, `c->conn->sock`)? *arg: that
   parameter; *field: a field rather than an out-parameter. Whether the
   caller takes a resource left there when the function fails is decided
   later, from the function's own failures and from its callers
   (engine_handed.c). */
static bool cell_handed_to_caller(Ctx *x, const State *s, Cell c, int *arg, bool *field) {
  *field = false;
  for (int depth = 0; depth < 4; depth++) {
    if (c.root >= 0) return false;
    for (int ch = c.chain; ch; ch = x->chains[ch].parent)
      if (!x->chains[ch].is_index) *field = true;
    int p = VAL_OF_ROOT(c.root);
    const Slot *via = NULL; /* a caller-visible cell holding the pointer */
    for (int i = 0; i < s->nslots; i++) {
      const Slot *sl = &s->slots[i];
      if (sl->val != p) continue;
      if (sl->cell.root >= 0 && sl->cell.chain == 0 && sl->cell.root < x->f->nparams &&
          x->f->vars[sl->cell.root]->kind == VAR_PARAM) {
        *arg = sl->cell.root;
        return true;
      }
      if (sl->cell.root < 0 && !via) via = sl;
    }
    if (!via) return false;
    *field = true; /* a pointer stored in the caller's object: a struct it holds */
    c = via->cell;
  }
  return false;
}

/* `into`: the caller-visible cell the value was stored into, if any, so a
   summary can say "acquires into *arg0". */
static void escape_rec(Ctx *x, State *s, int v, uint8_t *seen, Cell *into) {
  if (v < 0 || v >= s->nvals || seen[v]) return;
  seen[v] = 1;
  int r;
  int hand_arg = -1;
  bool hand_field = false;
  bool hand = into && !x->summary_mode &&
              cell_handed_to_caller(x, s, *into, &hand_arg, &hand_field) &&
              (!hand_field || x->hand_fields);
  while ((r = res_of_val(s, v)) >= 0) {
    Res *res = &s->res[r];
    if (hand && res->status == RS_OWNED && !res->kind->scoped &&
        !(res->rule && res->rule->ntransfers)) {
      /* The caller's now, if this function succeeds: kept, handed out, so
         a failing return can still tell it was left there. Not what grew
         from something else (`*plist = curl_slist_append(*plist, s)`,
         realloc): that may hold what the caller had before the call. */
      res->status = RS_HANDED;
      res->hand_arg = (int8_t)(hand_arg < 127 ? hand_arg : 127);
      res->hand_field = hand_field;
      if (hand_field) handed_note_field(x, res->acq_key, hand_arg);
      break;
    }
    if (into && res->status == RS_OWNED)
      pe_add(x, s,
             (ParamEffect){.origin = origin_of_cell(x, s, *into),
                           .what = PE_OUT_ACQ,
                           .kind = res->kind,
                           .rule = res->rule,
                           .acq = res->acq,
                           .cond_val = res->cond_val,
                           .cond_op = res->cond_op,
                           .cond_c = res->cond_c,
                           .cond_on_self = res->cond_val == res->val});
    res_drop(s, r);
  }
  Val *val = &s->vals[v];
  if (val->origin) pe_add(x, s, (ParamEffect){.origin = val->origin, .what = PE_ESCAPED});
  if (val->kind == VK_ADDR) {
    /* A pointer into an object takes the object along (`&buf[i]`). */
    Cell c = val->addr;
    expose_cell(x, s, c);
    escape_below(x, s, c, seen);
    if (c.root < 0) escape_rec(x, s, VAL_OF_ROOT(c.root), seen, NULL);
  }
  escape_below(x, s, (Cell){ROOT_OF_VAL(v), 0}, seen);
  if (s->vals[v].base >= 0) escape_rec(x, s, s->vals[v].base, seen, NULL);
}

static uint8_t *seen_new(Ctx *x, State *s) {
  /* Escapes can create no values, so nvals bounds the ids met. */
  return arena_alloc(&x->a, (size_t)s->nvals + 1);
}

void escape_value(Ctx *x, State *s, int v) {
  escape_rec(x, s, v, seen_new(x, s), NULL);
}

void escape_cell_contents(Ctx *x, State *s, Cell c) {
  escape_below(x, s, c, seen_new(x, s));
}

/* v goes to a callee as a pointer to const: the callee cannot free the
   object v points to (nor the one v was derived from), but it can read any
   pointer or descriptor stored inside it and keep or release that. */
void escape_pointee(Ctx *x, State *s, int v) {
  uint8_t *seen = seen_new(x, s);
  for (int n = 0; v >= 0 && v < s->nvals && !seen[v] && n < 8; n++) {
    seen[v] = 1;
    const Val *val = &s->vals[v];
    if (val->kind == VK_ADDR) {
      expose_cell(x, s, val->addr);
      escape_below(x, s, val->addr, seen);
    }
    escape_below(x, s, (Cell){ROOT_OF_VAL(v), 0}, seen);
    v = s->vals[v].base;
  }
}

/* Is v still reachable from something other than cell `except` after
   statement si of b? Dead variables do not count. */
bool value_held_elsewhere(Ctx *x, const State *s, int v, Cell except, const Block *b, int si) {
  for (int i = 0; i < s->nslots; i++) {
    const Slot *sl = &s->slots[i];
    if (sl->val != v || (sl->cell.root == except.root && sl->cell.chain == except.chain)) continue;
    if (sl->cell.root < 0 || var_live_after(x, b, si, sl->cell.root)) return true;
  }
  for (int i = 0; i < s->nvals; i++)
    if (s->vals[i].base == v) return true;
  return false;
}

void write_cell(Ctx *x, State *s, Cell c, int v) {
  if (x->summary_mode && c.root < 0 && c.chain == 0) {
    const Origin *g = s->vals[VAL_OF_ROOT(c.root)].origin;
    if (g && g->nsteps == 0 && g->arg >= 0 && g->arg < 32) x->written |= 1u << g->arg;
  }
  if (cell_is_external(x, s, c)) escape_rec(x, s, v, seen_new(x, s), &c);
  slot_remove_below(x, s, c);
  slot_set(x, s, c, v);
}

/* Struct assignment copies every known cell below src to the same place
   below dst: taken as a snapshot first, since dst may contain src. */
int cells_below(Ctx *x, const State *s, Cell c, Slot **out) {
  int n = 0;
  *out = ARENA_ARRAY(&x->a, Slot, s->nslots + 1);
  for (int i = 0; i < s->nslots; i++) {
    Slot sl = s->slots[i];
    if (sl.cell.chain != c.chain && cell_within(x, sl.cell, c)) (*out)[n++] = sl;
  }
  return n;
}

void cells_put_below(Ctx *x, State *s, Cell dst, Cell src, const Slot *kids, int n) {
  for (int i = 0; i < n; i++) {
    Cell to = {dst.root, chain_rebase(x, kids[i].cell.chain, src.chain, dst.chain)};
    if (cell_is_external(x, s, to)) escape_rec(x, s, kids[i].val, seen_new(x, s), &to);
    slot_set(x, s, to, kids[i].val);
  }
}

/* ---- Canonical form ------------------------------------------------------ */

bool val_has_facts(const Val *v) {
  return v->lo != LONG_MIN || v->hi != LONG_MAX || v->nne;
}

/* How many objects deep a state follows pointers (`a->b->c->d`). Lists
   walked or built in a loop would otherwise grow the state every turn. */
enum { MAX_OBJ_DEPTH = 4 };

typedef struct Canon {
  Ctx *x;
  const State *s;
  int *map;   /* old value id -> new, -1 */
  int *depth; /* objects between a variable and the value */
  int next, cur_depth;
} Canon;

static void number(Canon *k, int v) {
  if (v < 0 || k->map[v] >= 0) return;
  k->map[v] = k->next++;
  k->depth[v] = k->cur_depth;
  const Val *val = &k->s->vals[v];
  if (val->kind == VK_ADDR && val->addr.root < 0) number(k, VAL_OF_ROOT(val->addr.root));
  if (val->kind == VK_CMP || val->kind == VK_DERIVED) number(k, val->cmp_val);
  number(k, val->base);
}

static int cmp_int(long a, long b) {
  return a < b ? -1 : a > b;
}

/* A derived value nothing holds but a branch taught something about
   (`if (flags & F)`) stays while its operand does, so the same test later
   is decided. Numbered by (operand, operator, constant): equal states get
   equal numbers whatever order their paths evaluated things in. */
static void number_derived(Canon *k) {
  const State *s = k->s;
  for (;;) {
    int best = -1;
    for (int v = 0; v < s->nvals; v++) {
      const Val *d = &s->vals[v];
      if (d->kind != VK_DERIVED || k->map[v] >= 0 || k->map[d->cmp_val] < 0 ||
          !arith_informative(s, v))
        continue;
      const Val *b = best >= 0 ? &s->vals[best] : NULL;
      if (!b || k->map[d->cmp_val] < k->map[b->cmp_val] ||
          (k->map[d->cmp_val] == k->map[b->cmp_val] &&
           (d->cmp_op < b->cmp_op || (d->cmp_op == b->cmp_op && d->cmp_c < b->cmp_c))))
        best = v;
    }
    if (best < 0) return;
    number(k, best);
  }
}

static int slot_order(const Canon *k, const void *pa, const void *pb) {
  const Slot *a = pa, *b = pb;
  bool va = a->cell.root >= 0, vb = b->cell.root >= 0;
  if (va != vb) return va ? -1 : 1;
  int ra = va ? a->cell.root : k->map[VAL_OF_ROOT(a->cell.root)];
  int rb = vb ? b->cell.root : k->map[VAL_OF_ROOT(b->cell.root)];
  if (ra != rb) return cmp_int(ra, rb);
  return cmp_int(a->cell.chain, b->cell.chain);
}

static int res_order(const Canon *k, const void *pa, const void *pb) {
  const Res *a = pa, *b = pb;
  if (a->acq_key != b->acq_key) return cmp_int(a->acq_key, b->acq_key);
  if (a->kind != b->kind) return strcmp(a->kind->id, b->kind->id);
  if (a->status != b->status) return cmp_int(a->status, b->status);
  int va = a->val >= 0 ? k->map[a->val] : -1, vb = b->val >= 0 ? k->map[b->val] : -1;
  if (va != vb) return cmp_int(va, vb);
  if (a->lock.root != b->lock.root) return cmp_int(a->lock.root, b->lock.root);
  return cmp_int(a->lock.chain, b->lock.chain);
}

static Cell remap_cell(const Canon *k, Cell c) {
  if (c.root < 0) c.root = ROOT_OF_VAL(k->map[VAL_OF_ROOT(c.root)]);
  return c;
}

static void sort_stable_insert(const Canon *k, void *base, int n, size_t size,
                               int (*cmp)(const Canon *, const void *, const void *)) {
  /* Insertion sort: small arrays, and stable, which keeps ties in the
     order the exploration made them. */
  char *b = base;
  char tmp[sizeof(Res) > sizeof(Slot) ? sizeof(Res) : sizeof(Slot)];
  for (int i = 1; i < n; i++) {
    memcpy(tmp, b + (size_t)i * size, size);
    int j = i - 1;
    while (j >= 0 && cmp(k, b + (size_t)j * size, tmp) > 0) {
      memcpy(b + (size_t)(j + 1) * size, b + (size_t)j * size, size);
      j--;
    }
    memcpy(b + (size_t)(j + 1) * size, tmp, size);
  }
}

/* Word at a time: states are hashed once per block entry, and byte-wise
   hashing was a third of canonicalization. */
static uint64_t mix(uint64_t h, uint64_t w) {
  h ^= w;
  h *= 0x9e3779b97f4a7c15u;
  return h ^ (h >> 29);
}

static unsigned state_hash(const State *s) {
  uint64_t h = 0x84222325cbf29ce4u;
  for (int i = 0; i < s->nslots; i++) {
    const Slot *sl = &s->slots[i];
    h = mix(h, (uint64_t)(uint32_t)sl->cell.root << 32 | (uint32_t)sl->cell.chain);
    h = mix(h, (uint64_t)(uint32_t)sl->val);
  }
  for (int i = 0; i < s->nvals; i++) {
    const Val *v = &s->vals[i];
    h = mix(h, (uint64_t)v->lo);
    h = mix(h, (uint64_t)v->hi ^ (uint64_t)v->kind << 56);
  }
  for (int i = 0; i < s->nres; i++) {
    const Res *r = &s->res[i];
    h = mix(h, (uint64_t)r->acq_key);
    h = mix(h, (uint64_t)(uint32_t)r->val << 16 | (uint64_t)r->refs << 8 | r->status);
  }
  h = mix(h, (uint64_t)(uint32_t)s->nexposed << 32 | (uint32_t)s->npe);
  return (unsigned)(h ^ (h >> 32));
}

/*
 * A lock is identified by the cell it names, and `&c->thr->stats.mu` names
 * a cell below the object of whatever c->thr held when it was locked. The
 * cells leading to that object (c->thr, and c->a->b further out) must stay,
 * or the unlock's fresh read of c->thr names an object the state has never
 * seen and the lock looks held forever. Marks the values on those chains.
 */
static uint8_t *lock_paths(Ctx *x, const State *s) {
  uint8_t *pin = ARENA_ARRAY(&x->a, uint8_t, s->nvals + 1);
  for (int i = 0; i < s->nres; i++)
    if (s->res[i].kind->scoped && s->res[i].lock.root < 0)
      pin[VAL_OF_ROOT(s->res[i].lock.root)] = 1;
  for (bool more = true; more;) {
    more = false;
    for (int i = 0; i < s->nslots; i++) {
      Cell c = s->slots[i].cell;
      if (!pin[s->slots[i].val] || c.root >= 0 || pin[VAL_OF_ROOT(c.root)]) continue;
      pin[VAL_OF_ROOT(c.root)] = 1;
      more = true;
    }
  }
  return pin;
}

/*
 * A slot whose value is unknown, has no facts, and is referred to by
 * nothing else says no more than an absent slot (a read makes a fresh
 * unknown value either way). Dropping such slots (cached reads, results of
 * calls nobody tests) keeps states that differ only in what was read equal.
 */
static void drop_uninformative(Ctx *x, State *s) {
  uint8_t *pin = lock_paths(x, s);
  for (int pass = 0; pass < 2; pass++) {
    int *refs = ARENA_ARRAY(&x->a, int, s->nvals + 1);
    for (int i = 0; i < s->nslots; i++) {
      refs[s->slots[i].val]++;
      if (s->slots[i].cell.root < 0) refs[VAL_OF_ROOT(s->slots[i].cell.root)] += 2;
    }
    for (int v = 0; v < s->nvals; v++) {
      const Val *val = &s->vals[v];
      if (val->kind == VK_CMP && val->cmp_val >= 0) refs[val->cmp_val] += 2;
      if (val->kind == VK_DERIVED && (refs[v] || arith_informative(s, v))) refs[val->cmp_val] += 2;
      if (val->kind == VK_ADDR && val->addr.root < 0) refs[VAL_OF_ROOT(val->addr.root)] += 2;
      if (val->base >= 0) refs[val->base] += 2;
    }
    for (int i = 0; i < s->nres; i++) {
      const Res *r = &s->res[i];
      if (r->val >= 0) refs[r->val] += 2;
      if (r->cond_val >= 0) refs[r->cond_val] += 2;
      if (r->lock.root < 0) refs[VAL_OF_ROOT(r->lock.root)] += 2;
    }
    for (int i = 0; i < s->nrels; i++)
      refs[s->rels[i].a] += 2, refs[s->rels[i].b] += 2;
    for (int i = 0; i < s->npe; i++)
      if (s->pe[i].cond_val >= 0) refs[s->pe[i].cond_val] += 2;
    for (int i = 0; i < s->nexposed; i++)
      if (s->exposed[i].root < 0) refs[VAL_OF_ROOT(s->exposed[i].root)] += 2;
    int k = 0;
    for (int i = 0; i < s->nslots; i++) {
      const Val *val = &s->vals[s->slots[i].val];
      bool plain = val->kind == VK_PLAIN && !val_has_facts(val) && val->base < 0 &&
                   !(x->summary_mode && val->origin) && !val->uninit;
      /* An element written into an array still marked unwritten: reading
         it again must find the value, not the mark. */
      Cell c = s->slots[i].cell;
      if (c.root >= 0 && c.chain && x->f->vars[c.root]->no_init && uninit_mark(s, c.root))
        plain = false;
      /* A cached read of memory others can see (`e->next` of a list we
         walk) is as good as a fresh read too, even when the value is still
         held elsewhere; dropping it stops walks from growing the state. */
      if (plain && !pin[s->slots[i].val] &&
          (refs[s->slots[i].val] == 1 ||
           (cell_is_external(x, s, s->slots[i].cell) &&
            res_of_val(s, s->slots[i].val) < 0))) /* a resource handed out stays */
        continue;
      s->slots[k++] = s->slots[i];
    }
    if (k == s->nslots) break;
    s->nslots = k;
  }
}

/*
 * Builds the canonical form of s as it enters block b (b NULL: keep every
 * variable). Drops what no longer matters: dead variables, resources whose
 * acquisition failed on this path, released or escaped ones nothing holds,
 * values nothing refers to.
 */
State *state_canon(Ctx *x, const State *src, const Block *b) {
  State *s = state_clone(x, src);
  /* 1. Dead variables, except as holders of owned resources: writing to
     one may still lose the last reference (`fd = open()` again in a loop). */
  if (b) {
    int k = 0;
    for (int i = 0; i < s->nslots; i++) {
      int root = s->slots[i].cell.root;
      int r = res_of_val(s, s->slots[i].val);
      if (root >= 0 && !var_live_in(x, b, root) && (r < 0 || s->res[r].status != RS_OWNED))
        continue;
      /* A table's plain values: only callees read them. */
      const Val *v = &s->vals[s->slots[i].val];
      if (root >= 0 && var_is_table(x, root) && r < 0 && v->kind == VK_PLAIN && v->base < 0)
        continue;
      s->slots[k++] = s->slots[i];
    }
    s->nslots = k;
  }
  /* 2. Failed acquisitions own nothing. */
  for (int i = 0; i < s->nres;)
    if (!res_may_succeed(s, &s->res[i]))
      res_drop(s, i);
    else
      i++;
  arith_unlink(s);
  drop_uninformative(x, s);

  Canon k = {x, s, ARENA_ARRAY(&x->a, int, s->nvals + 1), ARENA_ARRAY(&x->a, int, s->nvals + 1),
             0, 0};
  uint8_t *deep = ARENA_ARRAY(&x->a, uint8_t, s->nvals + 1);
  for (int i = 0; i < s->nvals; i++)
    k.map[i] = -1;

  /* 3. Number values reachable from variables, then from objects of
     numbered values, until nothing new. */
  sort_stable_insert(&k, s->slots, s->nslots, sizeof(Slot), slot_order);
  for (int i = 0; i < s->nslots && s->slots[i].cell.root >= 0; i++)
    number(&k, s->slots[i].val);
  for (;;) {
    /* The next object cell to visit is the least by (owner's number, chain),
       whatever order the slots happen to be in. */
    int best = -1;
    for (int i = 0; i < s->nslots; i++) {
      Slot *sl = &s->slots[i];
      if (sl->cell.root >= 0 || k.map[VAL_OF_ROOT(sl->cell.root)] < 0 || k.map[sl->val] >= 0)
        continue;
      if (k.depth[VAL_OF_ROOT(sl->cell.root)] >= MAX_OBJ_DEPTH) {
        deep[sl->val] = 1;
        continue;
      }
      if (best < 0 || slot_order(&k, sl, &s->slots[best]) < 0) best = i;
    }
    if (best < 0) break;
    k.cur_depth = k.depth[VAL_OF_ROOT(s->slots[best].cell.root)] + 1;
    number(&k, s->slots[best].val);
  }
  k.cur_depth = 0;
  /* What an object held beyond that depth holds is beyond it too (a list
     node's buffer): lost track of with the node, not left behind as a
     resource nothing holds. */
  for (bool more = true; more;) {
    more = false;
    for (int i = 0; i < s->nslots; i++) {
      const Slot *sl = &s->slots[i];
      if (sl->cell.root < 0 && deep[VAL_OF_ROOT(sl->cell.root)] &&
          k.map[VAL_OF_ROOT(sl->cell.root)] < 0 && !deep[sl->val] && k.map[sl->val] < 0) {
        deep[sl->val] = 1;
        more = true;
      }
    }
  }
  /* Summaries: what a pointer parameter points to (`*arg`) is the caller's
     memory, and what the path left there is part of its summary, so that
     cell stays once the parameter is dead. Only that one: a settings
     struct's every field would keep the paths apart. */
  if (x->summary_mode)
    for (int i = 0; i < s->nslots; i++) {
      const Slot *sl = &s->slots[i];
      int h = sl->cell.root < 0 ? VAL_OF_ROOT(sl->cell.root) : -1;
      if (h < 0 || sl->cell.chain != 0 || k.map[h] >= 0 || !s->vals[h].origin ||
          s->vals[h].origin->nsteps != 0)
        continue;
      number(&k, h);
      number(&k, sl->val);
    }
  {
    /* A resource still followed through another holder, also held in a
       live object of this function's no longer followed (a list node
       beyond the depth states keep), is linked: another reference exists.
       What a linked object owns (a list node's buffer), in sight or not,
       shares its fate: the walk that frees the nodes frees what they hold,
       and a list nobody frees is reported through its head. A released
       holder (a handle cleaned up) holds nothing any more. */
    for (bool more = true; more;) {
      more = false;
      for (int i = 0; i < s->nslots; i++) {
        const Slot *sl = &s->slots[i];
        if (sl->cell.root >= 0) continue;
        int r = res_of_val(s, sl->val), h = res_of_val(s, VAL_OF_ROOT(sl->cell.root));
        if (r < 0 || h < 0 || r == h || s->res[r].linked || s->res[r].status != RS_OWNED ||
            s->res[h].status != RS_OWNED)
          continue;
        bool holder_kept = k.map[VAL_OF_ROOT(sl->cell.root)] >= 0;
        if ((!holder_kept && k.map[sl->val] >= 0) || s->res[h].linked) {
          s->res[r].linked = true;
          more = true;
        }
      }
    }
    int n = 0;
    for (int i = 0; i < s->nslots; i++) {
      const Slot *sl = &s->slots[i];
      bool holder_kept = sl->cell.root >= 0 || k.map[VAL_OF_ROOT(sl->cell.root)] >= 0;
      if (k.map[sl->val] >= 0 && holder_kept) s->slots[n++] = *sl;
    }
    s->nslots = n;
  }

  /* 4. Resources: released ones matter only while held (a second release),
     and of owned ones nothing holds, one per acquisition site is enough. */
  {
    int n = 0;
    for (int i = 0; i < s->nres; i++) {
      Res *r = &s->res[i];
      bool held = r->val >= 0 && k.map[r->val] >= 0;
      if (r->val >= 0 && !held && deep[r->val])
        continue; /* held beyond what we follow: we lost track, as if escaped */
      /* A released lock in an object no value reaches any more (`b->mutex`
         after a list walk moved on) cannot be released again through it. */
      if (r->val < 0 && r->status == RS_RELEASED && r->lock.root < 0 &&
          k.map[VAL_OF_ROOT(r->lock.root)] < 0)
        continue;
      if (r->val >= 0 && !held) {
        if (r->status == RS_RELEASED) continue;
        bool dup = false;
        for (int j = 0; j < n && !dup; j++)
          dup = s->res[j].acq_key == r->acq_key && s->res[j].status == r->status &&
                s->res[j].val >= 0 && k.map[s->res[j].val] < 0;
        if (dup) continue;
      }
      s->res[n++] = *r;
    }
    s->nres = n;
  }
  sort_stable_insert(&k, s->res, s->nres, sizeof(Res), res_order);
  for (int i = 0; i < s->nres; i++) {
    Res *r = &s->res[i];
    number(&k, r->val);
    number(&k, r->cond_val);
    if (r->lock.root < 0) number(&k, VAL_OF_ROOT(r->lock.root));
  }
  sort_stable_insert(&k, s->slots, s->nslots, sizeof(Slot), slot_order);
  number_derived(&k);

  /* 5. Summaries: facts on parameter values and the success values of
     out-parameter acquisitions decide what a path did. */
  if (x->summary_mode) {
    for (int i = 0; i < x->origins.len; i++)
      for (int v = 0; v < s->nvals; v++)
        if (s->vals[v].origin == x->origins.data[i] && val_has_facts(&s->vals[v])) number(&k, v);
    for (int i = 0; i < s->npe; i++)
      number(&k, s->pe[i].cond_val);
  } else if (x->takes_locks) {
    /* Which arguments a path was called with tells a lock protocol's
       returns apart (engine_trace.c): keep what was learnt about them. */
    for (int v = 0; v < s->nvals; v++) {
      const Origin *g = s->vals[v].origin;
      if (g && g->nsteps == 0 && val_has_facts(&s->vals[v])) number(&k, v);
    }
  }
  {
    int n = 0;
    for (int i = 0; i < s->nexposed; i++) {
      Cell c = s->exposed[i];
      if (c.root < 0 && k.map[VAL_OF_ROOT(c.root)] < 0) continue;
      s->exposed[n++] = c;
    }
    s->nexposed = n;
  }

  /* 6. Rewrite with the new numbers. */
  State *o = ARENA_NEW(&x->a, State);
  o->trace = s->trace;
  o->nvals = o->cap_vals = k.next;
  o->vals = ARENA_ARRAY(&x->a, Val, k.next);
  for (int v = 0; v < s->nvals; v++) {
    if (k.map[v] < 0) continue;
    Val nv = s->vals[v];
    if (nv.kind == VK_ADDR) nv.addr = remap_cell(&k, nv.addr);
    if (nv.cmp_val >= 0) nv.cmp_val = k.map[nv.cmp_val];
    if (nv.base >= 0) nv.base = k.map[nv.base];
    o->vals[k.map[v]] = nv;
  }
  o->nslots = o->cap_slots = s->nslots;
  o->slots = ARENA_ARRAY(&x->a, Slot, s->nslots);
  for (int i = 0; i < s->nslots; i++)
    o->slots[i] = (Slot){remap_cell(&k, s->slots[i].cell), k.map[s->slots[i].val]};
  o->nres = o->cap_res = s->nres;
  o->res = ARENA_ARRAY(&x->a, Res, s->nres);
  for (int i = 0; i < s->nres; i++) {
    Res r = s->res[i];
    if (r.val >= 0) r.val = k.map[r.val];
    if (r.cond_val >= 0) r.cond_val = k.map[r.cond_val];
    r.lock = remap_cell(&k, r.lock);
    o->res[i] = r;
  }
  o->nexposed = o->cap_exposed = s->nexposed;
  o->exposed = ARENA_ARRAY(&x->a, Cell, s->nexposed);
  for (int i = 0; i < s->nexposed; i++)
    o->exposed[i] = remap_cell(&k, s->exposed[i]);
  o->npe = o->cap_pe = s->npe;
  o->pe = ARENA_ARRAY(&x->a, ParamEffect, s->npe);
  for (int i = 0; i < s->npe; i++) {
    o->pe[i] = s->pe[i];
    if (o->pe[i].cond_val >= 0) o->pe[i].cond_val = k.map[o->pe[i].cond_val];
  }
  o->rels = ARENA_ARRAY(&x->a, Rel, s->nrels + 1);
  for (int i = 0; i < s->nrels; i++) {
    Rel r = s->rels[i];
    if (k.map[r.a] < 0 || k.map[r.b] < 0) continue;
    r.a = k.map[r.a];
    r.b = k.map[r.b];
    if (r.a > r.b) {
      int t = r.a;
      r.a = r.b;
      r.b = t;
      r.mask = (uint8_t)((r.mask & 2) | (r.mask & 1) << 2 | (r.mask & 4) >> 2);
    }
    int j = o->nrels++;
    while (j > 0 &&
           (o->rels[j - 1].a > r.a || (o->rels[j - 1].a == r.a && o->rels[j - 1].b > r.b))) {
      o->rels[j] = o->rels[j - 1];
      j--;
    }
    o->rels[j] = r;
  }
  o->cap_rels = o->nrels;
  o->hash = state_hash(o);
  return o;
}

/* ---- Equality and joins ---------------------------------------------------- */

static bool val_same_shape(const Val *a, const Val *b) {
  return a->kind == b->kind && a->cmp_op == b->cmp_op && a->inexact == b->inexact &&
         a->addr.root == b->addr.root && a->addr.chain == b->addr.chain &&
         a->cmp_val == b->cmp_val && a->cmp_c == b->cmp_c && a->base == b->base &&
         a->origin == b->origin && a->count_skipped == b->count_skipped &&
         a->counted == b->counted && a->uninit == b->uninit;
}

bool val_same_facts(const Val *a, const Val *b) {
  if (a->lo != b->lo || a->hi != b->hi || a->nne != b->nne) return false;
  for (int i = 0; i < a->nne; i++)
    if (a->ne[i] != b->ne[i] && (a->nne < 2 || a->ne[i] != b->ne[1 - i])) return false;
  return true;
}

static bool res_same(const Res *a, const Res *b) {
  return a->kind == b->kind && a->acq_key == b->acq_key && a->rule == b->rule && a->val == b->val &&
         a->lock.root == b->lock.root && a->lock.chain == b->lock.chain &&
         a->cond_val == b->cond_val && a->cond_op == b->cond_op && a->cond_c == b->cond_c &&
         a->status == b->status && a->caller_held == b->caller_held && a->relock == b->relock &&
         a->refs == b->refs && a->owns_elems == b->owns_elems && a->permanent == b->permanent &&
         a->linked == b->linked;
}

static bool pe_same(const ParamEffect *a, const ParamEffect *b) {
  return a->origin == b->origin && a->what == b->what && a->family == b->family &&
         a->kind == b->kind && a->acq == b->acq && a->cond_val == b->cond_val &&
         a->cond_op == b->cond_op && a->cond_c == b->cond_c && a->some_paths == b->some_paths;
}

bool state_same_shape(const State *a, const State *b) {
  if (a->nslots != b->nslots || a->nvals != b->nvals || a->nres != b->nres ||
      a->nexposed != b->nexposed || a->npe != b->npe)
    return false;
  if (memcmp(a->slots, b->slots, sizeof(Slot) * (size_t)a->nslots) != 0) return false;
  for (int i = 0; i < a->nvals; i++)
    if (!val_same_shape(&a->vals[i], &b->vals[i])) return false;
  for (int i = 0; i < a->nres; i++)
    if (!res_same(&a->res[i], &b->res[i])) return false;
  for (int i = 0; i < a->nexposed; i++)
    if (a->exposed[i].root != b->exposed[i].root || a->exposed[i].chain != b->exposed[i].chain)
      return false;
  if (a->nrels != b->nrels || memcmp(a->rels, b->rels, sizeof(Rel) * (size_t)a->nrels) != 0)
    return false;
  /* Effects on parameters are kept in the order they happened; compare as
     sets. */
  for (int i = 0; i < a->npe; i++) {
    bool found = false;
    for (int j = 0; j < b->npe && !found; j++)
      found = pe_same(&a->pe[i], &b->pe[j]);
    if (!found) return false;
  }
  return true;
}

bool state_equal(const State *a, const State *b) {
  if (a->hash != b->hash || !state_same_shape(a, b)) return false;
  for (int i = 0; i < a->nvals; i++)
    if (!val_same_facts(&a->vals[i], &b->vals[i])) return false;
  return true;
}

/* The resources of a and b agree: the same ones (kind, acquisition,
   status), with the same facts on the values that are them and on those
   that decide whether they were acquired. Joining such states keeps every
   fact a leak report rests on; only facts on other values widen. */
bool state_res_agree(const State *a, const State *b) {
  if (a->nres != b->nres) return false;
  for (int i = 0; i < a->nres; i++) {
    const Res *p = &a->res[i], *q = &b->res[i];
    if (p->kind != q->kind || p->acq_key != q->acq_key || p->status != q->status ||
        (p->val < 0) != (q->val < 0) || (p->cond_val < 0) != (q->cond_val < 0))
      return false;
    if (p->val >= 0 && !val_same_facts(&a->vals[p->val], &b->vals[q->val])) return false;
    if (p->cond_val >= 0 && !val_same_facts(&a->vals[p->cond_val], &b->vals[q->cond_val]))
      return false;
  }
  return true;
}

/*
 * Joining two states that reached a block which has seen too many: the
 * result covers both paths. Values are paired cell by cell (a cell known on
 * one side only is forgotten: a later read gives an unknown value), facts
 * are widened to cover both, relations kept only where both agree. The
 * resources must be the same on both sides, held by the same cells: a leak
 * report must never come from a path that mixes the two. NULL when the
 * states cannot be joined that way.
 */
typedef struct Joiner {
  Ctx *x;
  const State *a, *b;
  int (*pairs)[2];
  int npairs, cap;
  bool ok;
} Joiner;

static int pair_push(Joiner *j, int va, int vb) {
  if (j->npairs == j->cap) {
    int cap = j->cap ? j->cap * 2 : 32;
    int(*n)[2] = arena_alloc(&j->x->a, sizeof(int[2]) * (size_t)cap);
    if (j->npairs) memcpy(n, j->pairs, sizeof(int[2]) * (size_t)j->npairs);
    j->pairs = n;
    j->cap = cap;
  }
  j->pairs[j->npairs][0] = va;
  j->pairs[j->npairs][1] = vb;
  return j->npairs++;
}

static int pair_of(Joiner *j, int va, int vb) {
  if (va < 0 || vb < 0) {
    if (va != vb) j->ok = false;
    return -1;
  }
  for (int i = 0; i < j->npairs; i++)
    if (j->pairs[i][0] == va && j->pairs[i][1] == vb) return i;
  int ra = res_of_val(j->a, va), rb = res_of_val(j->b, vb);
  if (ra != rb) j->ok = false; /* a resource on one side only, or two different ones */
  return pair_push(j, va, vb);
}

/* A value of the join paired with nothing: unknown. */
enum { FRESH = -2 };

static int pair_fresh(Joiner *j) {
  return pair_push(j, FRESH, FRESH);
}

static Cell pair_cell(Joiner *j, Cell ca, Cell cb, bool *same) {
  *same = ca.chain == cb.chain && (ca.root >= 0) == (cb.root >= 0) &&
          (ca.root < 0 || ca.root == cb.root);
  if (!*same || ca.root >= 0) return ca;
  return (Cell){ROOT_OF_VAL(pair_of(j, VAL_OF_ROOT(ca.root), VAL_OF_ROOT(cb.root))), ca.chain};
}

static bool holders_match(const State *a, const State *b) {
  for (int i = 0; i < a->nslots; i++) {
    int r = res_of_val(a, a->slots[i].val);
    if (r < 0 || a->slots[i].cell.root < 0) continue;
    int k = slot_find(b, a->slots[i].cell);
    if (k < 0 || res_of_val(b, b->slots[k].val) != r) return false;
  }
  return true;
}

static const ParamEffect *pe_match(const State *s, const ParamEffect *e) {
  for (int k = 0; k < s->npe; k++)
    if (s->pe[k].origin == e->origin && s->pe[k].what == e->what && s->pe[k].acq == e->acq &&
        s->pe[k].family == e->family)
      return &s->pe[k];
  return NULL;
}

/* Summaries: an effect on a parameter one side has and the other lacks,
   as the join keeps it, saying "on some path": an escape stays one (the
   summary treats any escape as one), a release becomes a release on some
   paths only (which callers treat as an escape), an acquisition into an
   out-parameter becomes unsure (the summary says nothing of it), a move
   becomes an escape of what moved (the caller no longer owns it, and the
   summary claims no transfer). */
static ParamEffect pe_one_side(ParamEffect e) {
  if (e.what == PE_RELEASED) e.what = PE_RELEASED_SOME;
  if (e.what == PE_OUT_ACQ) {
    e.some_paths = true;
    e.cond_val = -1;
  }
  if (e.what == PE_MOVED) e = (ParamEffect){.origin = e.origin, .what = PE_ESCAPED, .cond_val = -1};
  return e;
}

/* Could p and q be one resource of a joined state? */
static bool res_joinable(const Res *p, const Res *q) {
  return p->kind == q->kind && p->acq_key == q->acq_key && p->rule == q->rule &&
         p->status == q->status && p->relock == q->relock && p->caller_held == q->caller_held &&
         p->refs == q->refs && p->owns_elems == q->owns_elems && p->permanent == q->permanent &&
         p->linked == q->linked && (p->val < 0) == (q->val < 0) &&
         (p->cond_val < 0) == (q->cond_val < 0) && p->cond_op == q->cond_op &&
         p->cond_c == q->cond_c;
}

/* s without the resources `other` has no counterpart of, in canonical
   form for block b. */
static State *forget_unshared(Ctx *x, const State *s, const State *other, const Block *b) {
  State *c = state_clone(x, s);
  bool *used = ARENA_ARRAY(&x->a, bool, other->nres + 1);
  for (int i = 0; i < c->nres;) {
    int m = -1;
    for (int k = 0; k < other->nres && m < 0; k++)
      if (!used[k] && res_joinable(&c->res[i], &other->res[k])) m = k;
    if (m >= 0) {
      used[m] = true;
      i++;
    } else {
      res_drop(c, i);
    }
  }
  return state_canon(x, c, b);
}

State *state_join_forgetting(Ctx *x, const State *a, const State *b, const Block *at) {
  State *a2 = forget_unshared(x, a, b, at), *b2 = forget_unshared(x, b, a, at);
  return state_join(x, a2, b2);
}

/* Effects the summary takes from any one path alike (escapes, releases
   on some paths only) are the function's, not the joined state's: kept
   in the state, a settings parser whose every option frees a different
   field of the caller's struct would carry a longer list in each of its
   states, none agreeing with another, and run out of memory. */
static bool pe_any_path(const ParamEffect *e) {
  return e->what == PE_ESCAPED || e->what == PE_ESCAPED_DEREF || e->what == PE_RELEASED_SOME;
}

static bool pe_key_eq(const void *pa, const void *pb) {
  const ParamEffect *a = pa, *b = pb;
  return a->origin == b->origin && a->what == b->what && a->family == b->family;
}

static void pe_some(Ctx *x, const ParamEffect *e) {
  unsigned h = (unsigned)((uintptr_t)e->origin * 31 + (uintptr_t)e->family * 7 + e->what);
  if (map_get(&x->some_pe_set, h, e, pe_key_eq)) return;
  ParamEffect *copy = ARENA_NEW(&x->keep, ParamEffect);
  *copy = *e;
  copy->cond_val = -1;
  map_put(&x->keep, &x->some_pe_set, h, copy, copy, pe_key_eq);
  vec_push(&x->keep, &x->some_pe, copy);
}

State *state_join(Ctx *x, const State *a, const State *b) {
  if (a->nres != b->nres) return NULL;
  for (int i = 0; i < a->nres; i++)
    if (!res_joinable(&a->res[i], &b->res[i])) return NULL;
  if (!holders_match(a, b) || !holders_match(b, a)) return NULL;
  Joiner j = {x, a, b, NULL, 0, 0, true};
  Vec lost = {0}; /* summaries: origins the join could not keep */
  Vec some = {0}; /* ... and effects of one side only (pe_any_path) */
  State *o = ARENA_NEW(&x->a, State);
  o->trace = a->trace;
  o->slots = ARENA_ARRAY(&x->a, Slot, a->nslots + b->nslots + 1);
  /* Slots present on both sides, variables first, then objects of paired
     values until nothing new pairs up. */
  uint8_t *done = ARENA_ARRAY(&x->a, uint8_t, a->nslots + 1);
  for (bool more = true; more && j.ok;) {
    more = false;
    for (int i = 0; i < a->nslots; i++) {
      if (done[i]) continue;
      Cell ca = a->slots[i].cell;
      for (int k = 0; k < b->nslots; k++) {
        Cell cb = b->slots[k].cell;
        if (ca.chain != cb.chain || (ca.root >= 0) != (cb.root >= 0)) continue;
        Cell c;
        if (ca.root >= 0) {
          if (ca.root != cb.root) continue;
          c = ca;
        } else {
          int rp = -1;
          for (int m = 0; m < j.npairs && rp < 0; m++)
            if (j.pairs[m][0] == VAL_OF_ROOT(ca.root) && j.pairs[m][1] == VAL_OF_ROOT(cb.root))
              rp = m;
          if (rp < 0) continue;
          c = (Cell){ROOT_OF_VAL(rp), ca.chain};
        }
        o->slots[o->nslots++] = (Slot){c, pair_of(&j, a->slots[i].val, b->slots[k].val)};
        done[i] = 1;
        more = true;
        break;
      }
    }
  }
  /* An element of an uninitialized local array written on one side only
     holds some value after the join, not none: forgetting the cell would
     make a later read look unwritten. */
  for (int side = 0; side < 2 && j.ok; side++) {
    const State *from = side ? b : a, *other = side ? a : b;
    for (int i = 0; i < from->nslots; i++) {
      Cell c = from->slots[i].cell;
      if (c.root < 0 || !x->f->vars[c.root]->no_init || slot_find(other, c) >= 0) continue;
      bool have = false;
      for (int k = 0; k < o->nslots && !have; k++)
        have = o->slots[k].cell.root == c.root && o->slots[k].cell.chain == c.chain;
      if (!have) o->slots[o->nslots++] = (Slot){c, pair_fresh(&j)};
    }
  }
  o->res = ARENA_ARRAY(&x->a, Res, a->nres + 1);
  for (int i = 0; i < a->nres && j.ok; i++) {
    Res r = a->res[i];
    bool same;
    r.val = pair_of(&j, a->res[i].val, b->res[i].val);
    r.cond_val = pair_of(&j, a->res[i].cond_val, b->res[i].cond_val);
    r.lock = pair_cell(&j, a->res[i].lock, b->res[i].lock, &same);
    if (!same) j.ok = false;
    o->res[o->nres++] = r;
  }
  o->pe = ARENA_ARRAY(&x->a, ParamEffect, a->npe + b->npe + 1);
  for (int i = 0; i < a->npe && j.ok; i++) {
    ParamEffect e = a->pe[i];
    const ParamEffect *m = pe_match(b, &e);
    if (m && (e.cond_val < 0) == (m->cond_val < 0)) {
      e.cond_val = pair_of(&j, a->pe[i].cond_val, m->cond_val);
      e.some_paths |= m->some_paths;
    } else {
      e = pe_one_side(e);
      if (pe_any_path(&e)) {
        vec_push(&x->a, &some, &a->pe[i]);
        continue;
      }
    }
    o->pe[o->npe++] = e;
  }
  for (int k = 0; k < b->npe && j.ok; k++)
    if (!pe_match(a, &b->pe[k])) {
      ParamEffect e = pe_one_side(b->pe[k]);
      e.cond_val = -1;
      if (pe_any_path(&e))
        vec_push(&x->a, &some, &b->pe[k]);
      else if (!pe_match(o, &e))
        o->pe[o->npe++] = e;
    }
  /* Exposed cells: those of either side (a variable whose address left
     on one path is exposed after the join). An object's cell goes with the
     pair holding that object on its side; an object no pair holds is in
     neither joined path's memory any more, and its exposure says nothing. */
  o->exposed = ARENA_ARRAY(&x->a, Cell, a->nexposed + b->nexposed + 1);
  for (int side = 0; side < 2 && j.ok; side++) {
    const State *from = side ? b : a;
    for (int i = 0; i < from->nexposed; i++) {
      Cell c = from->exposed[i];
      if (c.root < 0) {
        int p = -1;
        for (int m = 0; m < j.npairs && p < 0; m++)
          if (j.pairs[m][side] == VAL_OF_ROOT(c.root)) p = m;
        if (p < 0) continue;
        c.root = ROOT_OF_VAL(p);
      }
      bool dup = false;
      for (int k = 0; k < o->nexposed && !dup; k++)
        dup = o->exposed[k].root == c.root && o->exposed[k].chain == c.chain;
      if (!dup) o->exposed[o->nexposed++] = c;
    }
  }
  /* Derived values both sides hold facts on (`flags & F` tested on both
     paths) stay paired with their operands, so the join still decides a
     later test of the same expression. */
  for (int pass = 0; pass < 2 && j.ok; pass++) /* the second for `(x & m) + k` */
    for (int da = 0; da < a->nvals; da++) {
      const Val *va = &a->vals[da];
      if (va->kind != VK_DERIVED || !arith_informative(a, da)) continue;
      for (int i = 0; i < j.npairs; i++) {
        if (j.pairs[i][0] != va->cmp_val) continue;
        for (int db = 0; db < b->nvals; db++) {
          const Val *vb = &b->vals[db];
          if (vb->kind == VK_DERIVED && vb->cmp_val == j.pairs[i][1] && vb->cmp_op == va->cmp_op &&
              vb->cmp_c == va->cmp_c) {
            pair_of(&j, da, db);
            break;
          }
        }
      }
    }
  /* Values, one per pair; pairing an address or a comparison may add pairs. */
  int cap = 0;
  for (int i = 0; i < j.npairs && j.ok; i++) {
    if (i >= cap) {
      int ncap = j.npairs * 2 + 8;
      Val *n = ARENA_ARRAY(&x->a, Val, ncap);
      if (i) memcpy(n, o->vals, sizeof(Val) * (size_t)i);
      o->vals = n;
      cap = ncap;
    }
    if (j.pairs[i][0] == FRESH) {
      Val v = {0};
      val_set_top(&v);
      v.cmp_val = v.base = -1;
      o->vals[i] = v;
      continue;
    }
    const Val *va = &a->vals[j.pairs[i][0]], *vb = &b->vals[j.pairs[i][1]];
    Val v = *va;
    v.lo = va->lo < vb->lo ? va->lo : vb->lo;
    v.hi = va->hi > vb->hi ? va->hi : vb->hi;
    v.nne = 0;
    for (int k = 0; k < va->nne; k++) {
      long p = va->ne[k];
      bool in_b = p < vb->lo || p > vb->hi;
      for (int m = 0; m < vb->nne; m++)
        in_b |= vb->ne[m] == p;
      if (in_b) v.ne[v.nne++] = p;
    }
    v.kind = VK_PLAIN;
    v.cmp_val = -1;
    if (va->kind == VK_ADDR && vb->kind == VK_ADDR) {
      bool same;
      Cell c = pair_cell(&j, va->addr, vb->addr, &same);
      if (same && va->inexact == vb->inexact) {
        v.kind = VK_ADDR;
        v.addr = c;
      }
    } else if (va->kind == vb->kind && (va->kind == VK_CMP || va->kind == VK_DERIVED) &&
               va->cmp_op == vb->cmp_op && va->cmp_c == vb->cmp_c) {
      v.kind = va->kind;
      v.cmp_val = pair_of(&j, va->cmp_val, vb->cmp_val);
    }
    v.count_skipped = va->count_skipped && vb->count_skipped;
    v.counted = va->counted && vb->counted;
    v.uninit = va->uninit && vb->uninit;
    /* Derived from a value on one side only (`p = buf + n` on one path):
       the join keeps no base, unless that base is a resource, which the
       derived pointer keeps referenced. */
    if ((va->base < 0) != (vb->base < 0)) {
      const State *sd = va->base >= 0 ? a : b;
      int base = va->base >= 0 ? va->base : vb->base;
      for (int n = 0; base >= 0 && n < 8; n++, base = sd->vals[base].base)
        if (res_of_val(sd, base) >= 0) j.ok = false;
      v.base = -1;
    } else {
      v.base = va->base < 0 ? -1 : pair_of(&j, va->base, vb->base);
    }
    if (va->origin != vb->origin) {
      /* Summaries: what later happens to the value can no longer be told
         to either parameter, so both count as escaped (what a caller
         passes there is not its own any more), which only keeps callers
         from reporting. */
      if (va->origin) vec_push(&x->a, &lost, (void *)va->origin);
      if (vb->origin) vec_push(&x->a, &lost, (void *)vb->origin);
      v.origin = NULL;
    }
    o->vals[i] = v;
  }
  if (!j.ok) return NULL;
  for (int i = 0; i < some.len; i++) {
    ParamEffect e = pe_one_side(*(const ParamEffect *)some.data[i]);
    pe_some(x, &e);
  }
  for (int i = 0; i < lost.len; i++)
    pe_some(x, &(ParamEffect){.origin = lost.data[i], .what = PE_ESCAPED, .cond_val = -1});
  o->nvals = o->cap_vals = j.npairs;
  o->cap_slots = o->nslots;
  o->cap_res = o->nres;
  o->cap_pe = o->npe;
  o->cap_exposed = o->nexposed;
  o->rels = ARENA_ARRAY(&x->a, Rel, a->nrels + 1);
  for (int i = 0; i < a->nrels; i++)
    for (int k = 0; k < b->nrels; k++) {
      int pa = -1, pb = -1;
      for (int m = 0; m < j.npairs; m++) {
        if (j.pairs[m][0] == a->rels[i].a && j.pairs[m][1] == b->rels[k].a) pa = m;
        if (j.pairs[m][0] == a->rels[i].b && j.pairs[m][1] == b->rels[k].b) pb = m;
      }
      if (pa >= 0 && pb >= 0)
        o->rels[o->nrels++] = (Rel){pa, pb, (uint8_t)(a->rels[i].mask | b->rels[k].mask)};
    }
  o->cap_rels = o->nrels;
  return state_canon(x, o, NULL);
}
