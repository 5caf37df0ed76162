/*
 * rulefilter.c - choosing reported rule ids by glob.
 *
 * Filtering happens on findings, after the analysis: whether a rule is
 * reported never changes what the engine computes (summaries, the cache).
 */
#include "rulefilter.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

static bool any_match(const char *const *pats, int n, const char *id) {
  for (int i = 0; i < n; i++)
    if (fnmatch(pats[i], id, 0) == 0) return true;
  return false;
}

bool rulefilter_allows(const RuleFilter *rf, const char *rule_id) {
  if (!rule_id) return true;
  if (rf->nenable && !any_match(rf->enable, rf->nenable, rule_id)) return false;
  return !any_match(rf->disable, rf->ndisable, rule_id);
}

/* Whether some rule id rs can produce matches the glob. */
static bool matches_some(const RuleSet *rs, const char *pat) {
  for (int i = 0; i < rs->nkinds; i++)
    if (rs->kinds[i]->leak_rule && fnmatch(pat, rs->kinds[i]->leak_rule, 0) == 0) return true;
  static const FindingKind fixed[] = {FIND_LOST_REFERENCE, FIND_IGNORED_RESULT, FIND_MISMATCH,
                                      FIND_DOUBLE_RELEASE};
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
    const char *id = finding_rule_id(fixed[i]);
    if (id && fnmatch(pat, id, 0) == 0) return true;
  }
  return false;
}

int rulefilter_check(const RuleFilter *rf, const RuleSet *rs, char *err, int errlen) {
  for (int pass = 0; pass < 2; pass++) {
    const char *const *pats = pass ? rf->disable : rf->enable;
    int n = pass ? rf->ndisable : rf->nenable;
    for (int i = 0; i < n; i++)
      if (!matches_some(rs, pats[i])) {
        snprintf(err, (size_t)errlen,
                 "--%s: '%s' matches no rule id (connlint --list-rules shows them, e.g. "
                 "connlint-fd-leak)",
                 pass ? "disable" : "enable", pats[i]);
        return -1;
      }
  }
  return 0;
}

int rulefilter_apply(const RuleFilter *rf, FindingList *fl) {
  int kept = 0, n = fl->findings.len;
  for (int i = 0; i < n; i++) {
    const Finding *f = fl->findings.data[i];
    if (rulefilter_allows(rf, f->rule_id)) fl->findings.data[kept++] = fl->findings.data[i];
  }
  fl->findings.len = kept;
  return n - kept;
}
