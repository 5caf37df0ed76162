/*
 * suppress.h - inline suppressions: `connlint: ignore` comments.
 *
 * A finding is suppressed by a comment on its primary line, or on a line of
 * its own just above it:
 *
 *     int fd = socket(...); // connlint: ignore[connlint-fd-leak] kept for the child
 *
 *     // connlint: ignore[fd-leak, file-leak] handed to the event loop
 *     conn->fd = accept(lfd, NULL, NULL);
 *
 * A block comment works alike, and a bare `connlint: ignore` covers all.
 * The bracketed list names rule ids, with or without the "connlint-"
 * prefix; no list means every rule. Text after it is the justification,
 * carried into SARIF. Suppressed findings stay in the list, flagged, so
 * SARIF can show them as suppressed; they do not count for the exit code.
 * A comment that starts a directive but cannot be read is reported as a
 * note rather than silently suppressing nothing.
 */
#ifndef CONNLINT_SUPPRESS_H
#define CONNLINT_SUPPRESS_H

#include "arena.h"
#include "finding.h"
#include "srccache.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct Suppression {
  const char **rules; /* NULL: all rules */
  int nrules;
  const char *reason; /* "" when none given */
  const char *error;  /* non-NULL: a malformed directive, this says why */
  int col;            /* 1-based column of "connlint:" */
} Suppression;

/* Looks for a directive in a comment of one source line. With `own_line`,
   only a comment that is the first thing on the line counts (the line
   above a finding; a trailing comment there belongs to its own code).
   Returns false when the line has none. */
bool suppress_scan_line(Arena *a, const char *line, size_t len, bool own_line, Suppression *out);

/* Whether a well-formed directive covers rule_id. */
bool suppression_covers(const Suppression *s, const char *rule_id);

/* Flags every finding of fl that a directive covers; malformed directives
   near findings become notes. Returns the number of findings suppressed. */
int suppress_apply(FindingList *fl, SourceCache *sc);

#endif
