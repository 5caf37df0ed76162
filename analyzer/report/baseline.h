/*
 * baseline.h - adopt connlint without fixing everything first.
 *
 * `--baseline old.sarif` takes a SARIF log written by an earlier run and
 * drops from the current run every finding whose "connlint/v1" fingerprint
 * (fingerprint.h) it contains, so only new findings are reported and fail
 * the build. Results in the log without that fingerprint (other tools,
 * hand edits) are ignored.
 */
#ifndef CONNLINT_BASELINE_H
#define CONNLINT_BASELINE_H

#include "arena.h"
#include "finding.h"

typedef struct Baseline {
  Arena arena;
  const char **keys; /* sorted, for bsearch */
  int nkeys;
} Baseline;

/* Why a baseline could not be used: "old.sarif: not a SARIF 2.1.0 log". */
typedef struct BaselineError {
  char msg[1024];
} BaselineError;

void baseline_init(Baseline *b);
void baseline_free(Baseline *b);

/* Reads the SARIF log at path. Returns 0, or -1 with *err filled (the file
   is unreadable, not JSON, or not a SARIF 2.1.0 log). */
int baseline_load(Baseline *b, const char *path, BaselineError *err);
/* The same from text in memory; `name` is used in error messages. */
int baseline_parse(Baseline *b, const char *name, const char *text, BaselineError *err);

bool baseline_contains(const Baseline *b, const char *fingerprint);

/* Removes from fl every finding whose fingerprint the baseline holds,
   assigning fingerprints first if fl has none. Returns how many went. */
int baseline_filter(const Baseline *b, FindingList *fl);

#endif
