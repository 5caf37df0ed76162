/*
 * ir.c - the IR's own services: units, predecessor lists, and printing.
 *
 * A Unit is allocated together with two private tables the public struct has
 * no room for: the interned file names (so Loc.file can be compared by
 * pointer) and a hash index over Unit.decls (so the engine's per-call
 * unit_find_decl stays O(1) on units with thousands of declarations).
 *
 * The text dump is what `connlint --dump-cfg` prints and what tests compare,
 * so its format is kept stable: one function after another, each with its
 * variables, then its blocks in id order with statements and terminator.
 */
#include "ir.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct UnitImpl {
  Unit u; /* first: a Unit * is a UnitImpl * */
  Vec files;
  /* Open-addressing index over u.decls, rebuilt when the array changes. */
  FuncDecl **index;
  int index_cap;
  FuncDecl **indexed_decls;
  int indexed_n;
  bool in_region; /* allocated by unit_new_in: nothing to free() */
} UnitImpl;

Unit *unit_new(const char *path) {
  UnitImpl *ui = calloc(1, sizeof *ui);
  if (!ui) {
    /* Same policy as the arena: out of memory is an internal error. */
    fputs("connlint: internal error: out of memory\n", stderr);
    exit(3);
  }
  arena_init(&ui->u.arena);
  ui->u.path = arena_strdup(&ui->u.arena, path ? path : "");
  return &ui->u;
}

Unit *unit_new_in(const char *path, ArenaRegion *r) {
  UnitImpl *ui = region_alloc(r, sizeof *ui);
  if (!ui) {
    fputs("connlint: internal error: out of memory\n", stderr);
    exit(3);
  }
  memset(ui, 0, sizeof *ui);
  ui->in_region = true;
  arena_init_region(&ui->u.arena, r);
  ui->u.path = arena_strdup(&ui->u.arena, path ? path : "");
  return &ui->u;
}

void unit_delete(Unit *u) {
  if (!u) return;
  UnitImpl *ui = (UnitImpl *)u;
  bool in_region = ui->in_region;
  arena_free(&u->arena);
  if (!in_region) free(ui);
}

const char *unit_intern_file(Unit *u, const char *file) {
  UnitImpl *ui = (UnitImpl *)u;
  if (!file) return NULL;
  /* A unit names few files (the main file and some headers), and callers
     cache the last one, so a scan is cheaper than hashing. */
  for (int i = 0; i < ui->files.len; i++)
    if (strcmp(ui->files.data[i], file) == 0) return ui->files.data[i];
  char *s = arena_strdup(&u->arena, file);
  vec_push(&u->arena, &ui->files, s);
  return s;
}

static void build_index(UnitImpl *ui) {
  Unit *u = &ui->u;
  int cap = 16;
  while (cap < u->ndecls * 2)
    cap *= 2;
  ui->index = ARENA_ARRAY(&u->arena, FuncDecl *, cap);
  ui->index_cap = cap;
  for (int i = 0; i < u->ndecls; i++) {
    FuncDecl *d = u->decls[i];
    unsigned h = str_hash(d->name) & (unsigned)(cap - 1);
    while (ui->index[h] && strcmp(ui->index[h]->name, d->name) != 0)
      h = (h + 1) & (unsigned)(cap - 1);
    if (!ui->index[h]) ui->index[h] = d; /* the first declaration of a name wins */
  }
  ui->indexed_decls = u->decls;
  ui->indexed_n = u->ndecls;
}

FuncDecl *unit_find_decl(const Unit *cu, const char *name) {
  UnitImpl *ui = (UnitImpl *)cu; /* the index is a cache: logically const */
  if (!name || cu->ndecls == 0) return NULL;
  if (ui->indexed_decls != cu->decls || ui->indexed_n != cu->ndecls) build_index(ui);
  unsigned h = str_hash(name) & (unsigned)(ui->index_cap - 1);
  while (ui->index[h]) {
    if (strcmp(ui->index[h]->name, name) == 0) return ui->index[h];
    h = (h + 1) & (unsigned)(ui->index_cap - 1);
  }
  return NULL;
}

void ir_finish(Func *f) {
  Arena *a = &f->unit->arena;
  int *count = ARENA_ARRAY(a, int, f->nblocks);
  for (int i = 0; i < f->nblocks; i++) {
    f->blocks[i]->id = i;
    f->blocks[i]->npreds = 0;
  }
  for (int i = 0; i < f->nblocks; i++)
    for (int j = 0; j < f->blocks[i]->term.nsucc; j++)
      count[f->blocks[i]->term.succ[j]->id]++;
  for (int i = 0; i < f->nblocks; i++)
    f->blocks[i]->preds = ARENA_ARRAY(a, Block *, count[i]);
  for (int i = 0; i < f->nblocks; i++) {
    Block *b = f->blocks[i];
    for (int j = 0; j < b->term.nsucc; j++) {
      Block *s = b->term.succ[j];
      /* Edges from one block are added together, so a duplicate (a switch
         with several cases to one block) is always the last entry. */
      if (s->npreds > 0 && s->preds[s->npreds - 1] == b) continue;
      s->preds[s->npreds++] = b;
    }
  }
}

/* ---- Comparison operators ---------------------------------------------- */

const char *cmp_op_str(CmpOp op) {
  static const char *const s[] = {"==", "!=", "<", "<=", ">", ">="};
  return (unsigned)op < 6 ? s[op] : "?";
}

bool cmp_fold(CmpOp op, long a, long b) {
  switch (op) {
  case CMP_EQ: return a == b;
  case CMP_NE: return a != b;
  case CMP_LT: return a < b;
  case CMP_LE: return a <= b;
  case CMP_GT: return a > b;
  case CMP_GE: return a >= b;
  }
  return false;
}

CmpOp cmp_negate(CmpOp op) {
  static const CmpOp n[] = {CMP_NE, CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT};
  return n[op];
}

CmpOp cmp_swap(CmpOp op) {
  static const CmpOp s[] = {CMP_EQ, CMP_NE, CMP_GT, CMP_GE, CMP_LT, CMP_LE};
  return s[op];
}

/* ---- Printing ------------------------------------------------------------ */

const char *path_member_text(Arena *a, const Path *p) {
  switch (p->kind) {
  case PATH_VAR: return p->var->name;
  case PATH_DEREF: return path_member_text(a, p->base);
  case PATH_FIELD:
  case PATH_ARROW: {
    const char *base = path_member_text(a, p->base);
    return base ? arena_printf(a, "%s.%s", base, p->field) : NULL;
  }
  default: return NULL;
  }
}

void path_print(Arena *a, Buf *out, const Path *p) {
  if (!p) {
    buf_puts(a, out, "?");
    return;
  }
  switch (p->kind) {
  case PATH_VAR: buf_puts(a, out, p->var ? p->var->name : "?"); break;
  case PATH_FIELD:
  case PATH_ARROW:
  case PATH_INDEX: {
    bool paren = p->base && p->base->kind == PATH_DEREF;
    if (paren) buf_putc(a, out, '(');
    path_print(a, out, p->base);
    if (paren) buf_putc(a, out, ')');
    if (p->kind == PATH_FIELD) {
      buf_printf(a, out, ".%s", p->field);
    } else if (p->kind == PATH_ARROW) {
      buf_printf(a, out, "->%s", p->field);
    } else {
      buf_putc(a, out, '[');
      if (p->index_known)
        buf_printf(a, out, "%ld", p->index);
      else
        expr_print(a, out, p->index_expr);
      buf_putc(a, out, ']');
    }
    break;
  }
  case PATH_DEREF:
    buf_putc(a, out, '*');
    path_print(a, out, p->base);
    break;
  }
}

static void string_print(Arena *a, Buf *out, const char *s) {
  buf_putc(a, out, '"');
  for (; s && *s; s++) {
    switch (*s) {
    case '"': buf_puts(a, out, "\\\""); break;
    case '\\': buf_puts(a, out, "\\\\"); break;
    case '\n': buf_puts(a, out, "\\n"); break;
    case '\t': buf_puts(a, out, "\\t"); break;
    default:
      if ((unsigned char)*s < 0x20)
        buf_printf(a, out, "\\x%02x", (unsigned char)*s);
      else
        buf_putc(a, out, *s);
    }
  }
  buf_putc(a, out, '"');
}

/* Operands that are themselves operators get parentheses, so the printed
   text always parses back the way the IR is nested. */
static void operand_print(Arena *a, Buf *out, const Expr *e) {
  bool paren = e && (e->kind == EXPR_OP || e->kind == EXPR_CMP);
  if (paren) buf_putc(a, out, '(');
  expr_print(a, out, e);
  if (paren) buf_putc(a, out, ')');
}

void expr_print(Arena *a, Buf *out, const Expr *e) {
  if (!e) {
    buf_puts(a, out, "?");
    return;
  }
  switch (e->kind) {
  case EXPR_CONST:
    if (e->is_null)
      buf_puts(a, out, "NULL");
    else
      buf_printf(a, out, "%ld", e->value);
    break;
  case EXPR_STRING: string_print(a, out, e->text); break;
  case EXPR_PATH: path_print(a, out, e->path); break;
  case EXPR_ADDR:
    buf_putc(a, out, '&');
    path_print(a, out, e->path);
    break;
  case EXPR_FUNC: buf_puts(a, out, e->text ? e->text : "?"); break;
  case EXPR_CMP:
    operand_print(a, out, e->nops > 0 ? e->ops[0] : NULL);
    buf_printf(a, out, " %s ", cmp_op_str(e->cmp));
    operand_print(a, out, e->nops > 1 ? e->ops[1] : NULL);
    break;
  case EXPR_OP:
    if (e->text && strcmp(e->text, "?") == 0) {
      /* a value recovered from code clang could not type-check */
      buf_puts(a, out, "?(");
      for (int i = 0; i < e->nops; i++) {
        if (i > 0) buf_puts(a, out, ", ");
        expr_print(a, out, e->ops[i]);
      }
      buf_putc(a, out, ')');
    } else if (e->nops == 1) {
      buf_puts(a, out, e->text ? e->text : "?");
      operand_print(a, out, e->ops[0]);
    } else {
      for (int i = 0; i < e->nops; i++) {
        if (i > 0) buf_printf(a, out, " %s ", e->text ? e->text : "?");
        operand_print(a, out, e->ops[i]);
      }
    }
    break;
  case EXPR_UNKNOWN:
    if ((e->is_float || e->is_name) && e->text) {
      buf_puts(a, out, e->text);
      break;
    }
    buf_puts(a, out, "<?");
    if (e->text) buf_puts(a, out, e->text);
    buf_puts(a, out, ">");
    break;
  }
}

static void call_print(Arena *a, Buf *out, const Stmt *s) {
  if (s->callee) {
    buf_puts(a, out, s->callee);
  } else {
    buf_putc(a, out, '(');
    expr_print(a, out, s->fnptr);
    buf_putc(a, out, ')');
  }
  buf_putc(a, out, '(');
  for (int i = 0; i < s->nargs; i++) {
    if (i > 0) buf_puts(a, out, ", ");
    expr_print(a, out, s->args[i]);
  }
  buf_putc(a, out, ')');
}

void stmt_print(Arena *a, Buf *out, const Stmt *s) {
  if (s->lhs) {
    path_print(a, out, s->lhs);
    buf_puts(a, out, " = ");
  }
  if (s->kind == STMT_ASSIGN)
    expr_print(a, out, s->rhs);
  else
    call_print(a, out, s);
}

/* ---- Equality ------------------------------------------------------------ */

static bool expr_equal(const Expr *a, const Expr *b) {
  if (!a || !b || a->kind != b->kind) return false;
  switch (a->kind) {
  case EXPR_CONST: return a->value == b->value;
  case EXPR_PATH:
  case EXPR_ADDR: return path_equal(a->path, b->path);
  case EXPR_FUNC:
  case EXPR_STRING: return a->text && b->text && strcmp(a->text, b->text) == 0;
  default: return false; /* not provably the same value */
  }
}

bool path_equal(const Path *a, const Path *b) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind) return false;
  switch (a->kind) {
  case PATH_VAR: return a->var == b->var;
  case PATH_FIELD:
  case PATH_ARROW:
    return a->field && b->field &&
           strcmp(a->storage ? a->storage : a->field, b->storage ? b->storage : b->field) == 0 &&
           path_equal(a->base, b->base);
  case PATH_INDEX:
    if (a->index_known != b->index_known) return false;
    if (a->index_known ? a->index != b->index : !expr_equal(a->index_expr, b->index_expr))
      return false;
    return path_equal(a->base, b->base);
  case PATH_DEREF: return path_equal(a->base, b->base);
  }
  return false;
}

/* ---- Text dump -----------------------------------------------------------
 *
 *   function NAME at FILE:LINE:COL
 *     vars: NAME (KIND TYPE[, from CALLEE][, cleanup FN][, unsigned]), ...
 *     B0 [entry]:
 *       FILE:LINE:COL  STATEMENT[  [cleanup]][  (macro NAME at FILE:LINE:COL)]
 *       TERMINATOR
 *     B1 [label L; preds B0, B3]:
 *
 * Terminators: `jump -> B2[  (break|continue|goto L)]`, `branch A OP B ->
 * Btrue, Bfalse`, `switch V: case 1 -> B3, case 2..4 -> B4, default -> B5`,
 * `return [V]  [FILE:LINE:COL]`, `noreturn via exit()`.
 */

static const char *var_kind_str(VarKind k) {
  static const char *const s[] = {"local", "param", "global", "static", "temp"};
  return (unsigned)k < 5 ? s[k] : "?";
}

static void loc_print(Arena *a, Buf *out, Loc l) {
  buf_printf(a, out, "%s:%d:%d", l.file ? l.file : "?", l.line, l.col);
}

/* The statement as the dump shows it: calls as written in the source when
   the front end kept their text, because `socket(AF_INET, SOCK_STREAM, 0)`
   says more to a reader than `socket(2, 1, 0)`. */
static void stmt_line(Arena *a, Buf *out, const Stmt *s) {
  if (s->kind == STMT_CALL && s->text && !s->is_cleanup) {
    if (s->lhs) {
      path_print(a, out, s->lhs);
      buf_puts(a, out, " = ");
    }
    buf_puts(a, out, s->text);
  } else {
    stmt_print(a, out, s);
  }
  if (s->is_cleanup) buf_puts(a, out, "  [cleanup]");
  if (s->kind == STMT_CALL && !s->callee && (s->fnvar || s->fnptr_path || s->fnptr_member)) {
    /* what the engine looks a call through a pointer up by */
    buf_puts(a, out, "  [through");
    if (s->fnvar) buf_printf(a, out, " var %s", s->fnvar->name);
    if (s->fnptr_path) buf_printf(a, out, " path %s", s->fnptr_path);
    if (s->fnptr_member) buf_printf(a, out, " member %s", s->fnptr_member);
    buf_putc(a, out, ']');
  }
  if (s->macro.spelling.line > 0) {
    buf_puts(a, out, "  (macro ");
    if (s->macro.macro) buf_printf(a, out, "%s ", s->macro.macro);
    buf_puts(a, out, "at ");
    loc_print(a, out, s->macro.spelling);
    buf_putc(a, out, ')');
  }
}

static void case_print(Arena *a, Buf *out, const SwitchCase *c) {
  if (c->lo == c->hi)
    buf_printf(a, out, "case %ld", c->lo);
  else
    buf_printf(a, out, "case %ld..%ld", c->lo, c->hi);
}

static void term_line(Arena *a, Buf *out, const Term *t) {
  switch (t->kind) {
  case TERM_JUMP:
    if (t->nsucc == 1) {
      buf_printf(a, out, "jump -> B%d", t->succ[0]->id);
    } else {
      buf_puts(a, out, "jump ->");
      for (int i = 0; i < t->nsucc; i++)
        buf_printf(a, out, "%s B%d", i ? "," : "", t->succ[i]->id);
    }
    if (t->jump_kind) buf_printf(a, out, "  (%s)", t->jump_kind);
    break;
  case TERM_BRANCH:
    buf_puts(a, out, "branch ");
    operand_print(a, out, t->lhs);
    buf_printf(a, out, " %s ", cmp_op_str(t->cmp));
    operand_print(a, out, t->rhs);
    buf_printf(a, out, " -> B%d, B%d", t->succ[0]->id, t->succ[1]->id);
    break;
  case TERM_SWITCH:
    buf_puts(a, out, "switch ");
    expr_print(a, out, t->value);
    buf_putc(a, out, ':');
    for (int i = 0; i < t->ncases; i++) {
      buf_puts(a, out, i ? ", " : " ");
      case_print(a, out, &t->cases[i]);
      buf_printf(a, out, " -> B%d", t->succ[i]->id);
    }
    buf_printf(a, out, "%sdefault -> B%d", t->ncases ? ", " : " ", t->succ[t->nsucc - 1]->id);
    break;
  case TERM_RETURN:
    buf_puts(a, out, "return");
    if (t->value) {
      buf_putc(a, out, ' ');
      expr_print(a, out, t->value);
    }
    buf_puts(a, out, "  [");
    loc_print(a, out, t->loc);
    buf_putc(a, out, ']');
    break;
  case TERM_NORETURN:
    buf_printf(a, out, "noreturn via %s()", t->noreturn_callee ? t->noreturn_callee : "?");
    break;
  }
}

static void block_header(Arena *a, Buf *out, const Block *b) {
  buf_printf(a, out, "  B%d", b->id);
  if (b->id == 0 || b->label || b->npreds > 0) {
    buf_puts(a, out, " [");
    const char *sep = "";
    if (b->id == 0) {
      buf_puts(a, out, "entry");
      sep = "; ";
    }
    if (b->label) {
      buf_printf(a, out, "%slabel %s", sep, b->label);
      sep = "; ";
    }
    if (b->npreds > 0) {
      buf_printf(a, out, "%spreds", sep);
      for (int i = 0; i < b->npreds; i++)
        buf_printf(a, out, "%s B%d", i ? "," : "", b->preds[i]->id);
    }
    buf_putc(a, out, ']');
  }
  buf_puts(a, out, ":\n");
}

void ir_dump_text(Arena *a, Buf *out, const Func *f) {
  buf_printf(a, out, "function %s at ", f->name);
  loc_print(a, out, f->loc);
  buf_putc(a, out, '\n');
  buf_puts(a, out, "  vars:");
  for (int i = 0; i < f->nvars; i++) {
    const Var *v = f->vars[i];
    buf_printf(a, out, "%s %s (%s %s", i ? "," : "", v->name, var_kind_str(v->kind),
               v->type_name ? v->type_name : "?");
    if (v->origin_call) buf_printf(a, out, ", from %s", v->origin_call);
    if (v->cleanup) buf_printf(a, out, ", cleanup %s", v->cleanup);
    if (v->is_unsigned) buf_puts(a, out, ", unsigned");
    if (v->fn_targets) {
      /* the functions a function-pointer variable may hold ('?': others too) */
      const FnTargets *t = v->fn_targets;
      buf_puts(a, out, ", holds");
      for (int k = 0; k < t->ntargets; k++)
        buf_printf(a, out, "%s%s", k ? "|" : " ", t->targets[k]);
      if (t->unknown) buf_puts(a, out, t->ntargets ? "|?" : " ?");
      if (!t->ntargets && !t->unknown) buf_puts(a, out, " nothing");
    }
    buf_putc(a, out, ')');
  }
  buf_putc(a, out, '\n');
  for (int i = 0; i < f->nblocks; i++) {
    const Block *b = f->blocks[i];
    block_header(a, out, b);
    for (int j = 0; j < b->nstmts; j++) {
      buf_puts(a, out, "    ");
      loc_print(a, out, b->stmts[j]->loc);
      buf_puts(a, out, "  ");
      stmt_line(a, out, b->stmts[j]);
      buf_putc(a, out, '\n');
    }
    buf_puts(a, out, "    ");
    term_line(a, out, &b->term);
    buf_putc(a, out, '\n');
  }
}

/* ---- Graphviz dump ------------------------------------------------------- */

/* Appends `s` escaped for a double-quoted DOT string; newlines become \l so
   block contents are left-justified. */
static void dot_escape(Arena *a, Buf *out, const char *s) {
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') buf_putc(a, out, '\\');
    if (*s == '\n')
      buf_puts(a, out, "\\l");
    else
      buf_putc(a, out, *s);
  }
}

static void dot_edge(Arena *a, Buf *out, const Func *f, const Block *from, const Block *to,
                     const char *label) {
  buf_puts(a, out, "    \"");
  dot_escape(a, out, f->name);
  buf_printf(a, out, ".B%d\" -> \"", from->id);
  dot_escape(a, out, f->name);
  buf_printf(a, out, ".B%d\"", to->id);
  if (label) {
    buf_puts(a, out, " [label=\"");
    dot_escape(a, out, label);
    buf_puts(a, out, "\"]");
  }
  buf_puts(a, out, ";\n");
}

void ir_dump_dot(Arena *a, Buf *out, const Func *f) {
  buf_puts(a, out, "digraph \"");
  dot_escape(a, out, f->name);
  buf_puts(a, out, "\" {\n  node [shape=box, fontname=\"monospace\"];\n  subgraph \"cluster_");
  dot_escape(a, out, f->name);
  buf_puts(a, out, "\" {\n    label=\"");
  dot_escape(a, out, f->name);
  buf_puts(a, out, "\";\n");
  for (int i = 0; i < f->nblocks; i++) {
    const Block *b = f->blocks[i];
    Buf body = {0};
    buf_printf(a, &body, "B%d%s%s%s\n", b->id, b->id == 0 ? " (entry)" : "",
               b->label ? " label " : "", b->label ? b->label : "");
    for (int j = 0; j < b->nstmts; j++) {
      stmt_line(a, &body, b->stmts[j]);
      buf_putc(a, &body, '\n');
    }
    term_line(a, &body, &b->term);
    buf_putc(a, &body, '\n');
    buf_puts(a, out, "    \"");
    dot_escape(a, out, f->name);
    buf_printf(a, out, ".B%d\" [label=\"", b->id);
    dot_escape(a, out, buf_str(a, &body));
    buf_puts(a, out, "\"];\n");
  }
  for (int i = 0; i < f->nblocks; i++) {
    const Block *b = f->blocks[i];
    const Term *t = &b->term;
    for (int j = 0; j < t->nsucc; j++) {
      const char *label = NULL;
      if (t->kind == TERM_BRANCH) {
        label = j == 0 ? "true" : "false";
      } else if (t->kind == TERM_SWITCH) {
        Buf lb = {0};
        if (j < t->ncases)
          case_print(a, &lb, &t->cases[j]);
        else
          buf_puts(a, &lb, "default");
        label = buf_str(a, &lb);
      } else if (t->jump_kind) {
        label = t->jump_kind;
      }
      dot_edge(a, out, f, b, t->succ[j], label);
    }
  }
  buf_puts(a, out, "  }\n}\n");
}

/* ---- Function-pointer variables ------------------------------------------ */

typedef struct FnMerge {
  bool unknown;
  Vec targets; /* const char * */
  Vec units;   /* parallel: the Unit * storing a static function, else NULL */
} FnMerge;

static bool defines_static(const Unit *u, const char *name) {
  for (int i = 0; i < u->nfuncs; i++)
    if (u->funcs[i]->is_static && strcmp(u->funcs[i]->name, name) == 0) return true;
  return false;
}

static void merge_add(Arena *a, FnMerge *m, const FnTargets *t, Unit *u) {
  m->unknown |= t->unknown;
  for (int i = 0; i < t->ntargets; i++) {
    Unit *owner = defines_static(u, t->targets[i]) ? u : NULL;
    bool seen = false;
    for (int k = 0; k < m->targets.len && !seen; k++)
      seen = strcmp(m->targets.data[k], t->targets[i]) == 0 && m->units.data[k] == owner;
    if (seen) continue;
    vec_push(a, &m->targets, (void *)t->targets[i]);
    vec_push(a, &m->units, owner);
  }
}

/* A static function of another unit cannot be named from this one (the
   engine resolves targets by name in the calling unit): such a target
   leaves the variable's targets unknown there. */
void unit_merge_fnptrs(Unit **units, int nunits) {
  Arena a;
  arena_init(&a);
  Map merged = {0}; /* name -> FnMerge */
  for (int u = 0; u < nunits; u++)
    for (int i = 0; i < units[u]->nfnptrs; i++) {
      const FnTargets *t = units[u]->fnptrs[i];
      if (!t->is_extern) continue;
      unsigned h = str_hash(t->name);
      FnMerge *m = map_get(&merged, h, t->name, str_eq);
      if (!m) {
        m = ARENA_NEW(&a, FnMerge);
        map_put(&a, &merged, h, t->name, m, str_eq);
      }
      merge_add(&a, m, t, units[u]);
    }
  for (int u = 0; u < nunits; u++)
    for (int i = 0; i < units[u]->nfnptrs; i++) {
      FnTargets *t = units[u]->fnptrs[i];
      if (!t->is_extern) continue;
      const FnMerge *m = map_get(&merged, str_hash(t->name), t->name, str_eq);
      t->unknown = m->unknown;
      t->ntargets = 0;
      t->targets = ARENA_ARRAY(&units[u]->arena, const char *, m->targets.len + 1);
      for (int k = 0; k < m->targets.len; k++) {
        if (m->units.data[k] && m->units.data[k] != units[u]) t->unknown = true;
        t->targets[t->ntargets++] = arena_strdup(&units[u]->arena, m->targets.data[k]);
      }
    }
  arena_free(&a);
}

void fn_targets_add(Arena *a, FnTargets *t, const char *name) {
  for (int i = 0; i < t->ntargets; i++)
    if (strcmp(t->targets[i], name) == 0) return;
  const char **v = ARENA_ARRAY(a, const char *, t->ntargets + 1);
  if (t->ntargets) memcpy(v, t->targets, sizeof *v * (size_t)t->ntargets);
  v[t->ntargets++] = name;
  t->targets = v;
}

const FnTargets *var_fn_targets(const Var *v) {
  const FnTargets *t = v ? v->fn_targets : NULL;
  return t && !t->unknown && t->ntargets > 0 ? t : NULL;
}
