/*
 * Opens an output sink chosen by a format enum. The known formats return
 * the opened stream to the caller; an unknown format reaches `default`,
 * which reports the error and returns NULL without closing the stream
 * opened before the switch: a leak at fopen().
 */
#include <stdio.h>

enum fmt { FMT_CSV, FMT_JSON, FMT_TSV };

FILE *sink_open(const char *path, enum fmt f) {
  FILE *fp = fopen(path, "w"); // expect: connlint-file-leak
  if (!fp) return NULL;
  switch (f) {
  case FMT_CSV: fputs("time,host,bytes\n", fp); return fp;
  case FMT_JSON: fputs("[\n", fp); return fp;
  case FMT_TSV: fputs("time\thost\tbytes\n", fp); return fp;
  default: fprintf(stderr, "unknown format %d\n", (int)f); return NULL;
  }
}
