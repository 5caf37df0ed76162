/*
 * A static setup function leaves the log file in the writer struct when
 * the header write fails, and returns -1: its callers in this file, which
 * are all its callers, close the writer on failure too (writer_close()
 * closes whatever the struct holds). Even though one failure path of
 * writer_open() undoes its store, the callers' convention holds. No
 * finding.
 */
#include <stdio.h>

struct writer {
  FILE *fp;
  long lines;
};

static int writer_open(struct writer *w, const char *path) {
  w->lines = 0;
  w->fp = fopen(path, "a");
  if (!w->fp) return -1;
  if (setvbuf(w->fp, NULL, _IOLBF, 0) != 0) {
    fclose(w->fp);
    w->fp = NULL;
    return -1;
  }
  if (fputs("# access log\n", w->fp) == EOF) return -1;
  return 0;
}

static void writer_close(struct writer *w) {
  if (w->fp) fclose(w->fp);
  w->fp = NULL;
}

int access_log_start(const char *path) {
  struct writer w = {0};
  if (writer_open(&w, path) < 0) {
    writer_close(&w);
    return -1;
  }
  fprintf(w.fp, "start\n");
  writer_close(&w);
  return 0;
}
