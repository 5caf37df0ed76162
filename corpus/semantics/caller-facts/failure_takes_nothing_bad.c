/*
 * A static setup function of the access log stores the stream in the
 * writer struct and returns -1 when writing the header fails, leaving the
 * stream there. Nothing in writer_open() itself says what -1 means for the
 * struct, but its callers in this file are all its callers, and each one
 * treats -1 as "nothing opened": the struct is dropped (or freed) without
 * closing anything. So the stream leaks in writer_open(), at that return.
 */
#include <stdio.h>
#include <stdlib.h>

struct writer {
  FILE *fp;
  long lines;
};

static int writer_open(struct writer *w, const char *path) {
  w->lines = 0;
  w->fp = fopen(path, "a"); // expect: connlint-file-leak
  if (!w->fp) return -1;
  if (fputs("# access log\n", w->fp) == EOF) return -1;
  return 0;
}

static void writer_close(struct writer *w) {
  fclose(w->fp);
  w->fp = NULL;
}

int access_log_probe(const char *path) {
  struct writer w;
  if (writer_open(&w, path) < 0) {
    fprintf(stderr, "cannot open %s\n", path);
    return -1;
  }
  writer_close(&w);
  return 0;
}

struct writer *access_log_start(const char *path) {
  struct writer *w = malloc(sizeof *w);
  if (!w) return NULL;
  if (writer_open(w, path) != 0) {
    free(w);
    return NULL;
  }
  return w;
}

void access_log_stop(struct writer *w) {
  writer_close(w);
  free(w);
}
