/*
 * The same helper, but the caller returns early on a long manifest without
 * freeing the string the helper handed back: a leak at sdsempty(), which
 * the hand-back summary keeps tracking through the helper calls. Needs
 * summaries.
 * connlint-rules: ../../../rules/examples/sds.rules
 */
#include "../../examples/sds.h"

static sds format_field(sds buf, const char *name, long value) {
  buf = sdscat(buf, name);
  return sdscatprintf(buf, "=%ld\n", value);
}

int write_manifest(const char *base, long seq) {
  sds buf = sdsempty(); // expect: connlint-sds-leak
  buf = format_field(buf, base, seq);
  if (sdslen(buf) > 4096)
    return -1;
  int n = (int)sdslen(buf);
  sdsfree(buf);
  return n;
}
