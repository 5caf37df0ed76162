/* Exercises (with log.c): a FILE* handed to log_close(), which releases it
   on some paths only: no leak and no double release may be reported. */
#include "log.h"

int record_start(const char *path, const char *who) {
  FILE *f = fopen(path, "a");
  if (!f) return -1;
  log_line(f, "start", who);
  log_close(f);
  return 0;
}
