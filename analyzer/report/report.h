/*
 * report.h - from a run's findings to what the user asked to see.
 *
 * report_write applies inline suppressions and the baseline, writes text or
 * SARIF to standard output or -o FILE, and decides the exit status, which
 * SARIF records in its invocation: so the three must happen in one place.
 *
 * Stage report (this header, emit_text.h, emit_sarif.h, suppress.h,
 * baseline.h, fingerprint.h, ruledoc.h, fix.h): uses finding, rules, support and
 * jansson; never the engine or the driver.
 */
#ifndef CONNLINT_REPORT_H
#define CONNLINT_REPORT_H

#include "emit_text.h"
#include "finding.h"
#include "rules.h"

#include <stdbool.h>

/* FMT_FIX_DIFF: no report, a unified diff of the suggested fixes (fix.h). */
typedef enum { FMT_TEXT, FMT_SARIF, FMT_FIX_DIFF } OutputFormat;

typedef struct ReportOptions {
  OutputFormat format;
  const char *output; /* NULL: standard output */
  ColorMode color;
  bool quiet;
  const char *srcroot;  /* SARIF %SRCROOT%; NULL: cwd */
  const char *baseline; /* earlier SARIF log, or NULL */
  bool input_failed;    /* some input could not be analyzed: exit 2 */
  bool none_analyzed;   /* no input could be analyzed: text output says nothing */
  /* Input problems (InputProblem *, finding.h) that SARIF records as
     notifications; the CLI prints them itself. */
  const Vec *problems;
  /* Which front end analyzed each unit, for SARIF (see SarifOptions). */
  const char *const *unit_files;
  const char *const *unit_frontends;
  int nunits;
} ReportOptions;

/* Returns the exit status (0 no findings, 1 findings, 2 input error), or -1
   with a sentence in err when the report could not be written or the
   baseline could not be read. */
int report_write(FindingList *fl, const RuleSet *rs, const ReportOptions *o, char *err, int errlen);

#endif
