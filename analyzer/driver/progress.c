/*
 * progress.c - "[12/239] lib/http.c" on standard error while units are
 * parsed, each line overwriting the last. The CLI turns it on only when
 * stderr is a terminal and --quiet is not given, so logs and pipes never
 * see it.
 */
#include "driver_int.h"

#include <stdio.h>

void progress_show(int done, int total, const char *file) {
  /* One fprintf per line: stdio locks the stream, so workers' lines do not
     interleave. */
  fprintf(stderr, "\r\033[K[%d/%d] %s", done, total, file);
  fflush(stderr);
}

void progress_clear(void) {
  fputs("\r\033[K", stderr);
  fflush(stderr);
}
