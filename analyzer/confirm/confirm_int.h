/*
 * confirm_int.h - inside the confirm stage: from recorded events to a
 * verdict (verdict.c), shared with the orchestration (confirm.c).
 */
#ifndef CONNLINT_CONFIRM_INT_H
#define CONNLINT_CONFIRM_INT_H

#include "arena.h"
#include "finding.h"

/* The JSON-lines event files (rt-PID.jsonl) in dir, as paths in a. */
int event_files(Arena *a, const char *dir, const char ***out);

/* The verdict of f ("confirmed", "not-confirmed", "not-reached") from the
   events in files, and a sentence of evidence that starts with `label`
   (which run this was). */
void verdict_of(Arena *a, const Finding *f, const char *const *files, int nfiles, const char *label,
                const char **verdict, const char **evidence);

#endif
