/*
 * confirm.h - runtime confirmation of findings (`connlint cc`, `connlint
 * confirm`).
 *
 * A program built with `connlint cc` carries, for each finding, hooks that
 * record the resource its acquisition returns, whether the resource is still
 * held when the function leaves at a leak point, and which calls the
 * finding's path assumes fail (its fault plan, armed through libfiu by
 * naming the finding's fingerprint in CONNLINT_CONFIRM). `connlint confirm`
 * runs the user's command once per finding with its plan armed (or reads
 * events recorded by plain test runs) and gives each leak a verdict:
 *
 *   confirmed      a run took the path and the resource was still held,
 *                  unreleased and not handed over, when the function left
 *                  at the leak point
 *   not-confirmed  the acquisition ran, but every time the resource was
 *                  released or handed over before or after the leak point
 *   not-reached    the acquisition never ran
 *
 * Findings other than leaks and held locks get no verdict.
 *
 * Stage confirm (this header, instrument.h; runtime/ is not part of the
 * library but the code it writes calls): uses driver, report and below.
 */
#ifndef CONNLINT_CONFIRM_H
#define CONNLINT_CONFIRM_H

#include "finding.h"

typedef struct ConfirmOptions {
  bool on;            /* `connlint confirm` */
  const char *run;    /* --run CMD: run per finding, plan armed */
  const char *events; /* --events DIR: verdicts from recorded events */
  int jobs;           /* runs at once */
  int timeout;        /* seconds per run */
  const char *dir;    /* --confirm-dir: where runs write (NULL: a new temp dir) */
} ConfirmOptions;

/* Takes confirm's own options (--run, --events, --timeout, --confirm-dir)
   out of argv[1..*argc), leaving the analysis arguments. Returns 0, or -1
   with a sentence in err. */
int confirm_parse_args(ConfirmOptions *o, int *argc, char **argv, char *err, int errlen);

/* Sets Finding.confirmation and confirm_evidence on every leak of fl
   (fingerprints are assigned here). Returns 0, or -1 with err filled when
   no run could be made at all. */
int confirm_findings(FindingList *fl, const ConfirmOptions *o, char *err, int errlen);

/* `connlint cc COMPILER ARGS...` with argv[0] the compiler; returns the
   compiler's exit status. */
int cc_main(int argc, char **argv);

#endif
