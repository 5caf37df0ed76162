/*
 * emit_sarif.h - findings for machines: one SARIF 2.1.0 log with one run.
 *
 * The log is what GitHub code scanning ingests, so it follows GitHub's
 * rules as well as the OASIS schema: file locations relative to the source
 * root under the uriBaseId "%SRCROOT%" (files outside it get absolute
 * file:// URIs), rule metadata with help and CWE tags, partialFingerprints
 * ("connlint/v1" and "primaryLocationLineHash", fingerprint.h), the path to
 * each leak as a codeFlow, suppressed findings marked rather than dropped,
 * and the run's notes (parse errors, budget exhaustion) as
 * toolExecutionNotifications. GitHub's per-upload limits are kept by
 * truncating, with a notification saying so (integrations/github/README.md).
 */
#ifndef CONNLINT_EMIT_SARIF_H
#define CONNLINT_EMIT_SARIF_H

#include "finding.h"
#include "rules.h"
#include "srccache.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct SarifOptions {
  const char *tool_version; /* "0.1.0" (CONNLINT_VERSION); NULL: "0.0.0" */
  /* Locations under srcroot are written relative to it. Absolute, or
     relative to cwd; NULL: cwd (--srcroot DIR). */
  const char *srcroot;
  const char *cwd; /* resolves relative file names; NULL: the process's */
  int exit_code;   /* the exit code connlint is about to return */
  bool execution_successful;
  /* Notifications beyond fl->notes, e.g. the driver's own (a file that
     could not be analyzed). May be NULL. */
  const Note *const *extra_notes;
  int nextra_notes;
  /* Source text for line hashes and UTF-16 columns; NULL: read files
     here. Files that cannot be read get neither (columns stay bytes). */
  SourceCache *sources;
  /* runAutomationDetails.id is "<category>/" when set, distinguishing
     several connlint uploads of one commit (a matrix build). */
  const char *category;
  /* --baseline was used: results carry baselineState "new". */
  bool baseline_used;
  /* Leave suppressed findings out instead of marking them, for consumers
     that ignore `suppressions` (integrations/github/README.md). */
  bool omit_suppressed;
  /* Which front end analyzed each unit (run.properties.frontends); may be
     empty. unit_frontends[i] NULL: that unit was not analyzed. */
  const char *const *unit_files;
  const char *const *unit_frontends;
  int nunits;
} SarifOptions;

/* Writes the log to out. rs may be NULL (fixed rule ids only). Findings
   without Finding.fingerprint are fingerprinted here as the list stands.
   Returns 0, or -1 if writing failed. */
int sarif_emit(FILE *out, const FindingList *fl, const RuleSet *rs, const SarifOptions *o);

#endif
