/*
 * finding.h - what the engine reports and the emitters print.
 *
 * A Finding is plain data: locations, messages and the path that shows the
 * bug, all in the arena of the FindingList that holds it, so findings outlive
 * the translation unit (and its IR) that produced them.
 *
 * Stage finding: the data that flows from the engine to the reports. Uses ir
 * and support.
 */
#ifndef CONNLINT_FINDING_H
#define CONNLINT_FINDING_H

#include "arena.h"
#include "ir.h"

typedef enum {
  FIND_LEAK,           /* acquired, not released on some path: ResKind.leak_rule */
  FIND_LOST_REFERENCE, /* last holder overwritten (CWE-773): connlint-lost-reference */
  FIND_IGNORED_RESULT, /* acquisition result dropped: connlint-ignored-result */
  FIND_MISMATCH,       /* released by the wrong family (CWE-404): connlint-mismatched-release */
  FIND_DOUBLE_RELEASE, /* released twice (CWE-1341): connlint-double-release */
  FIND_LOCK_HELD,      /* scoped resource held at return: ResKind.leak_rule */
} FindingKind;

typedef struct PathStep {
  Loc loc;
  const char *msg; /* "socket acquired here", "assuming connect() fails",
                      "taking the early return at line 41" */
} PathStep;

/* A call on a finding's path whose outcome the path assumes ("assuming
   send() does not return n"): the fault plan `connlint confirm` arms. */
typedef struct FaultStep {
  Loc loc;            /* the call: where its callee's name is written */
  const char *callee; /* "send" */
  CmpOp op;           /* the assumption: result OP value */
  long value;
  bool pointer; /* the call returns a pointer */
  /* The value the call returns when made to fail (-1, 0, NULL), chosen from
     the callee's rule or the usual convention so that it satisfies the
     assumption. `injectable` is false when no failure does (the path needs
     the call to succeed): the real call must run then. */
  bool injectable;
  long fail_value;
  int fail_errno; /* errno set with it; 0 for none */
} FaultStep;

/* Where a leak can be fixed by inserting the release call: the engine found
   the resource owned, certainly valid and held by `holder` in every state
   that reaches `exit`, a plain return or a goto. The report stage turns it
   into text edits (fix.h), checking the source around the exit. */
typedef enum { FIX_EXIT_RETURN = 1, FIX_EXIT_GOTO } FixExitKind;

typedef struct FixSite {
  const char *release; /* the kind's release function, "close" */
  const char *holder;  /* the variable holding the resource, "fd" */
  Loc holder_decl;     /* its declaration: it must be in scope at the exit */
  Loc exit;            /* the return or goto statement */
  FixExitKind exit_kind;
  Loc leak_point; /* the leak point the fix removes */
} FixSite;

typedef struct Finding {
  FindingKind kind;
  const char *rule_id;   /* "connlint-fd-leak" */
  const char *kind_id;   /* resource kind id, "socket" */
  const char *kind_desc; /* "socket" */
  const char *family;    /* "fd" */
  int cwe;
  const char *func; /* enclosing function */
  Loc loc;          /* primary location: the acquisition (leaks), the
                       overwrite, the ignored call, the bad release */
  const char *message;
  Loc acq_loc;          /* the acquisition site */
  const char *acq_text; /* the acquiring call as written (fingerprints) */
  Loc *leak_points;     /* every leak point found (returns, ends of scope) */
  int nleak_points;
  PathStep *steps; /* acquisition to first leak point, in order */
  int nsteps;
  Loc func_loc; /* the enclosing function's name in its definition */
  /* Where the acquiring call puts the resource, as a C expression around
     "@" (the call for the return value, else argument acq_arg): "@",
     "*(@)", "(@)[1]", "(@)->fd"; and the test on the return value that
     means it succeeded (acq_always: none). */
  int acq_arg; /* -1: the return value */
  const char *acq_path;
  bool acq_always;
  CmpOp acq_op;
  long acq_value;
  FaultStep *faults; /* the calls the path assumes an outcome of, in order */
  int nfaults;
  /* Set by `connlint confirm`: "confirmed", "not-confirmed", "not-reached"
     (NULL when not checked) and what was observed. */
  const char *confirmation;
  const char *confirm_evidence;
  /* Set by suppress_apply(): an inline `connlint: ignore` comment covers the
     finding. It is still emitted (SARIF `suppressions`) but is not counted
     for the exit code. */
  bool suppressed;
  const char *suppress_reason; /* the comment's justification ("" if none) */
  /* Set by fingerprints_assign(): the finding's identity across edits, the
     SARIF partialFingerprints "connlint/v1" value and the baseline key. */
  const char *fingerprint;
  /* Leaks only: the exits where inserting the release is right (see
     FixSite), in the order paths found them; none when no exit qualifies. */
  FixSite *fixes;
  int nfixes;
} Finding;

/* An input problem: a file that could not be read or parsed, a parse error
   in a file that was still analyzed. Printed once by the CLI;
   SARIF records them as notifications. */
typedef struct InputProblem {
  DiagLevel level;
  Loc loc; /* file only (line 0) when the whole file failed */
  const char *msg;
} InputProblem;

/* Notes that are not findings: budget exhaustion, unparsed code. */
typedef struct Note {
  Loc loc;
  const char *msg;
} Note;

typedef struct FindingList {
  Arena arena;
  Vec findings; /* Finding * */
  Vec notes;    /* Note * */
  Vec files;    /* const char *: each file name copied once, so Loc.file
                   can be compared by pointer within the list */
} FindingList;

void findings_init(FindingList *fl);
void findings_free(FindingList *fl);
/* Copies `file` strings and messages into fl's arena. */
Finding *findings_add(FindingList *fl, const Finding *f);
void findings_note(FindingList *fl, Loc loc, const char *msg);
/* Appends all of `from` (deep copy) to `to`. */
void findings_merge(FindingList *to, const FindingList *from);
/* Sorts by file, line, column, rule; removes exact duplicates (the same
   finding reported from two translation units that include one header).
   Notes are sorted and deduplicated the same way. */
void findings_sort(FindingList *fl);

/* Findings that count for the exit code (not suppressed). */
int findings_count_active(const FindingList *fl);

/* The fixed rule ids of the non-leak kinds ("connlint-double-release");
   NULL for FIND_LEAK and FIND_LOCK_HELD, whose id is ResKind.leak_rule. */
const char *finding_rule_id(FindingKind k);

#endif
