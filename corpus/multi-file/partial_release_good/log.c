/* Exercises (with main.c): a helper that releases its argument only on
   some paths (not when it is a standard stream). It is fine in itself;
   callers must stay conservative rather than assume a release or a leak. */
#include "log.h"

#include <time.h>

void log_line(FILE *f, const char *tag, const char *msg) {
  fprintf(f, "%ld [%s] %s\n", (long)time(NULL), tag, msg);
}

void log_close(FILE *f) {
  if (f != stdout && f != stderr) fclose(f);
}
