/*
 * cfgbuild.h - what every front end needs to build a Func: blocks under
 * construction, and the pass that turns them into the CFG of ir.h.
 *
 * A front end appends statements to BBs and closes each with a Term whose
 * successors point at other BBs' `b`. cfg_finish then drops blocks the entry
 * cannot reach (code after return, joins of branches that both return),
 * skips empty blocks that only fall through, numbers the rest in reverse
 * postorder (the `then` side of a branch before the `else` side), moves them
 * into the unit's arena and orders the variables as ir.h promises. Both
 * front ends (libclang's and tree-sitter's) share it, so their CFGs have one
 * shape.
 *
 * Part of stage ir: uses support only.
 */
#ifndef CONNLINT_CFGBUILD_H
#define CONNLINT_CFGBUILD_H

#include "ir.h"

/* A block under construction: the public Block plus its growing statements. */
typedef struct BB {
  Block b;
  Vec stmts;
  int order; /* creation order: the index in the front end's list of blocks */
} BB;

/* Building blocks. A front end keeps its blocks in creation order in a Vec
   and the block being filled in *cur (NULL: the point is unreachable); all
   of these allocate in its scratch arena. */
BB *cfg_bb_new(Arena *scratch, Vec *blocks);
/* Closes *cur with a terminator of nsucc successors (to fill in) and makes
   the point unreachable; NULL when it already was. */
Term *cfg_term(Arena *scratch, BB **cur, TermKind kind, Loc loc, int nsucc);
void cfg_jump(Arena *scratch, BB **cur, BB *to, const char *kind, Loc loc);
void cfg_branch(Arena *scratch, BB **cur, CmpOp op, Expr *lhs, Expr *rhs, BB *t, BB *f, Loc loc);
void cfg_noreturn(Arena *scratch, BB **cur, const char *callee, Loc loc);

/* Fills f->blocks, f->nblocks, f->vars and f->nvars from the blocks built
   (blocks[0] is the entry; blocks[i]->order == i) and the variables
   declared, in `a` (the unit's arena); scratch holds temporaries. */
void cfg_finish(Func *f, BB **blocks, int nblocks, Var **vars, int nvars, Arena *a, Arena *scratch);

/* Functions that never return whatever their declaration says (exit,
   abort, longjmp, __assert_fail...). */
bool builtin_noreturn(const char *name);

#endif
