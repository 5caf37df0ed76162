/*
 * ruledoc.h - what each fixed rule id means, for people reading reports.
 *
 * The rule ids are fixed (see docs/rules.md, which has one section per id
 * and must stay in step with this table). SARIF's rule metadata, the help
 * GitHub shows beside an alert, comes from here; rule ids that user rule
 * files introduce get metadata built from their ResKind instead.
 */
#ifndef CONNLINT_RULEDOC_H
#define CONNLINT_RULEDOC_H

typedef struct RuleDoc {
  const char *id;         /* "connlint-fd-leak" */
  const char *name;       /* "FdLeak": SARIF reportingDescriptor.name */
  const char *short_desc; /* one sentence */
  const char *full_desc;  /* what is detected, and why it matters */
  const char *help;       /* how to fix it */
  int cwe;
  const char *security_severity; /* CVSS-like score GitHub ranks by */
} RuleDoc;

/* NULL for ids not in the table. */
const RuleDoc *ruledoc_find(const char *id);

/* The whole table, in documentation order. */
const RuleDoc *ruledoc_all(int *n);

/* Where docs/rules.md is published; a rule's section is "#<id>". */
#define RULEDOC_URI "https://github.com/connlint/connlint/blob/main/docs/rules.md"

#endif
