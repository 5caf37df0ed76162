/*
 * The sds idioms a careless analyzer flags: `s = sdscat(s, t)` overwrites
 * the only pointer to the string with the one the call hands back (no lost
 * reference), sdstrim() edits in place and returns the same pointer, so a
 * bare call drops nothing, and the tokens of sdssplitlen() are freed with
 * sdsfreesplitres() over the count the split filled in.
 * connlint-rules: ../../rules/examples/sds.rules
 */
#include "sds.h"
#include <string.h>

sds join_words(const char *text) {
  int count = 0;
  sds *words = sdssplitlen(text, (long)strlen(text), " ", 1, &count);
  if (words == NULL) return NULL;
  sds out = sdsempty();
  for (int i = 0; i < count; i++) {
    sdstrim(words[i], "\t");
    out = sdscatlen(out, words[i], sdslen(words[i]));
    out = sdscat(out, ",");
  }
  sdsfreesplitres(words, count);
  out = sdstrim(out, ",");
  return out;
}

int count_chars(const char *a, const char *b) {
  sds s = sdsnew(a);
  if (s == NULL) return -1;
  s = sdscat(s, b);
  int n = (int)sdslen(s);
  sdsfree(s);
  return n;
}
