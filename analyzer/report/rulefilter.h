/*
 * rulefilter.h - `--enable` / `--disable RULE-ID,...` and the `.connlint`
 * keys `enable` and `disable`: which rule ids are reported.
 *
 * Patterns are globs over rule ids ("connlint-*-leak", "connlint-fd-leak").
 * With enable patterns, only ids matching one of them are reported; a
 * disable pattern removes the ids it matches. A pattern that matches no
 * rule id the loaded rules can produce is an error: a typo must not
 * silently report nothing, or everything.
 */
#ifndef CONNLINT_RULEFILTER_H
#define CONNLINT_RULEFILTER_H

#include "finding.h"
#include "rules.h"

typedef struct RuleFilter {
  const char *const *enable; /* globs; none: every rule */
  int nenable;
  const char *const *disable;
  int ndisable;
} RuleFilter;

/* Checks every pattern against the rule ids rs can produce. Returns 0, or
   -1 with a sentence in err naming the pattern. */
int rulefilter_check(const RuleFilter *rf, const RuleSet *rs, char *err, int errlen);

bool rulefilter_allows(const RuleFilter *rf, const char *rule_id);

/* Removes the findings whose rule the filter does not allow; returns how
   many went. */
int rulefilter_apply(const RuleFilter *rf, FindingList *fl);

#endif
