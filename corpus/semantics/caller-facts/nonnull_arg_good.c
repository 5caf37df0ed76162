/*
 * A logging helper opens the log file and, when given no prefix, returns
 * early without closing it. Both of its callers pass string literals, so
 * the prefix is never NULL and the file is always closed. No finding.
 */
#include <stdio.h>

static int log_line(const char *prefix, const char *msg) {
  FILE *f = fopen("/var/log/app.log", "a");
  if (!f) return -1;
  if (!prefix) return -1;
  fprintf(f, "%s: %s\n", prefix, msg);
  fclose(f);
  return 0;
}

int log_info(const char *msg) {
  return log_line("info", msg);
}

int log_error(const char *msg) {
  return log_line("error", msg);
}
