/*
 * An sds-like string grows with s = sdscat(s, t): the call may move the
 * string and hands back the pointer to keep. Building a reply line, the
 * function returns early on a bad field without freeing the string (a
 * leak at sdsnew), and a bare sdscat() whose result is dropped loses the
 * string the call may have moved (an ignored result).
 * connlint-rules: ../../rules/examples/sds.rules
 */
#include "sds.h"
#include <string.h>

sds reply_line(const char *key, const char *field) {
  sds line = sdsnew("+"); // expect: connlint-sds-leak
  line = sdscat(line, key);
  if (strchr(field, '\n') != NULL) return NULL; /* line is never freed */
  line = sdscatprintf(line, " %s\r\n", field);
  return line;
}

void log_key(const char *key) {
  sds msg = sdsempty();
  sdscat(msg, key); // expect: connlint-ignored-result
  sdsfree(msg);
}
