/*
 * failure_uses.h - how a caller treats the failure of each call it makes.
 *
 * For a call whose result the caller tests right away (`if (conn_open(&c)
 * < 0)`), what each branch of the test does with what the caller passed:
 * leaves its own storage alone and returns (it takes nothing from a call
 * that failed), cleans it up (closes a field, calls the struct's cleanup,
 * hands it on), or cannot be told. The engine (engine_handed.c) joins the
 * sites of a function whose callers are all in sight to learn whether its
 * failure value means "nothing acquired".
 *
 * Read from the IR alone: what a call in the branch does comes from the
 * rules and the summaries, which are final when this runs.
 *
 * Stage summary (this header): uses the engine's types and the IR.
 */
#ifndef CONNLINT_FAILURE_USES_H
#define CONNLINT_FAILURE_USES_H

#include "engine.h"

typedef struct FailRec {
  const char *callee;
  FailSite site;
} FailRec;

/* Appends to out (FailRec *, allocated in a) one record per direct call in
   f whose callee `wanted` accepts (NULL: every call). c says what calls do. */
void failure_uses_of(const Func *f, const Callees *c, bool (*wanted)(const void *, const char *),
                     const void *wanted_ctx, Arena *a, Vec *out);

#endif
