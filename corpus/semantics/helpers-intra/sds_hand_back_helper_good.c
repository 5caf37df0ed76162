/*
 * A helper that appends to an sds string and returns what sdscat() handed
 * back (redis' aofInfoFormat): the caller's `buf = format_field(buf, ..)`
 * overwrites its only pointer with the one the helper returns, which is
 * the same string, so it is no lost reference. Needs summaries.
 * connlint-rules: ../../../rules/examples/sds.rules
 */
#include "../../examples/sds.h"

static sds format_field(sds buf, const char *name, long value) {
  buf = sdscat(buf, name);
  return sdscatprintf(buf, "=%ld\n", value);
}

int write_manifest(const char *base, long seq) {
  sds buf = sdsempty();
  buf = format_field(buf, base, seq);
  buf = format_field(buf, "incr", seq + 1);
  int n = (int)sdslen(buf);
  sdsfree(buf);
  return n;
}
