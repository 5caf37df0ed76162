/*
 * instrument.h - writes the instrumented copy of a translation unit.
 *
 * Given a unit's text and the findings connlint reported in it, the copy
 * calls the runtime (runtime/connlint_rt.h) where each finding's story
 * happens: the function's entry (an activation number), the acquisition
 * (the value acquired), each planned call (a libfiu point that makes it
 * fail with the value its plan gives), each leak point (is the resource
 * still held?) and every call of a rule's release function in the unit
 * (the value released). Edits never add a line break, and a #line
 * directive opens the copy, so compiler messages, __FILE__, __LINE__ and
 * debuggers still point at the user's lines.
 *
 * Edits are made on tokens at the exact columns the analysis reported; a
 * site whose text is not the expected call (a macro expansion, code the
 * analysis saw through a macro) is left alone and counted as skipped.
 */
#ifndef CONNLINT_INSTRUMENT_H
#define CONNLINT_INSTRUMENT_H

#include "arena.h"
#include "finding.h"
#include "rules.h"

#include <stddef.h>

typedef struct InstrumentStats {
  int findings; /* findings instrumented in this unit */
  int faults;   /* planned call sites wrapped */
  int releases; /* release calls wrapped */
  int points;   /* leak points checked */
  int skipped;  /* sites left alone (not the expected text) */
} InstrumentStats;

/* The key of a source position in events and fault points: the file's
   real path, line and column ("/src/net.c:44:7"). */
const char *site_key(Arena *a, const char *file, int line, int col);

/* Appends to out the instrumented text of the unit whose source is
   text[0..len), spelled `path` on the compiler's command line, for the
   findings of fl whose acquisition is in that file (fingerprints must be
   assigned). */
void instrument_unit(Arena *a, const char *path, const char *text, size_t len,
                     const FindingList *fl, const RuleSet *rs, Buf *out, InstrumentStats *st);

#endif
