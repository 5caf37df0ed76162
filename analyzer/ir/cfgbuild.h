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

/* Fills f->blocks, f->nblocks, f->vars and f->nvars from the blocks built
   (blocks[0] is the entry; blocks[i]->order == i) and the variables
   declared, in `a` (the unit's arena); scratch holds temporaries. */
void cfg_finish(Func *f, BB **blocks, int nblocks, Var **vars, int nvars, Arena *a, Arena *scratch);

/* Functions that never return whatever their declaration says (exit,
   abort, longjmp, __assert_fail...). */
bool builtin_noreturn(const char *name);

#endif
