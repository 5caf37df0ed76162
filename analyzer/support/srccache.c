/*
 * srccache.c - read-once source files (see srccache.h).
 */
#include "srccache.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Generated sources can be large, but nothing a person reads a line of is
   this big; refusing keeps one odd input from pinning memory for the run. */
enum { SRC_MAX_BYTES = 64 << 20 };

void srccache_init(SourceCache *sc) {
  memset(sc, 0, sizeof *sc);
  arena_init(&sc->arena);
}

void srccache_free(SourceCache *sc) {
  arena_free(&sc->arena);
  memset(sc, 0, sizeof *sc);
}

char *file_read(Arena *a, const char *path, size_t max, size_t *len, const char **why) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    *why = strerror(errno);
    return NULL;
  }
  char *text = NULL;
  long size = -1;
  if (fseek(fp, 0, SEEK_END) == 0) size = ftell(fp);
  if (size < 0 || fseek(fp, 0, SEEK_SET) != 0) {
    *why = "cannot read";
  } else if ((size_t)size > max) {
    *why = "too large";
  } else {
    text = arena_alloc(a, (size_t)size + 1);
    *len = fread(text, 1, (size_t)size, fp);
    text[*len] = '\0';
    if (ferror(fp)) {
      *why = "read error";
      text = NULL;
    }
  }
  fclose(fp);
  return text;
}

static void index_lines(Arena *a, SourceFile *f) {
  int n = 1;
  for (size_t i = 0; i < f->len; i++)
    if (f->text[i] == '\n' || (f->text[i] == '\r' && f->text[i + 1] != '\n')) n++;
  f->lines = ARENA_ARRAY(a, const char *, n);
  f->lines[0] = f->text;
  int k = 1;
  for (size_t i = 0; i < f->len; i++)
    if (f->text[i] == '\n' || (f->text[i] == '\r' && f->text[i + 1] != '\n'))
      f->lines[k++] = f->text + i + 1;
  /* A final terminator does not start another line. */
  f->nlines = (f->len && f->lines[n - 1] == f->text + f->len) ? n - 1 : n;
}

SourceFile *srccache_get(SourceCache *sc, const char *path) {
  if (sc->last && strcmp(sc->last->path, path) == 0) return sc->last;
  for (int i = sc->files.len - 1; i >= 0; i--) {
    SourceFile *f = sc->files.data[i];
    if (strcmp(f->path, path) == 0) return sc->last = f;
  }
  SourceFile *f = ARENA_NEW(&sc->arena, SourceFile);
  f->path = arena_strdup(&sc->arena, path);
  const char *why;
  f->text = file_read(&sc->arena, path, SRC_MAX_BYTES, &f->len, &why);
  if (f->text) index_lines(&sc->arena, f);
  vec_push(&sc->arena, &sc->files, f);
  return sc->last = f;
}

SourceFile *srccache_put(SourceCache *sc, const char *path, const char *text, size_t len) {
  SourceFile *f = ARENA_NEW(&sc->arena, SourceFile);
  f->path = arena_strdup(&sc->arena, path);
  f->text = arena_strndup(&sc->arena, text, len);
  f->len = len;
  index_lines(&sc->arena, f);
  vec_push(&sc->arena, &sc->files, f);
  return sc->last = f;
}

const char *srcfile_line(const SourceFile *f, int n, size_t *len) {
  if (!f->text || n < 1 || n > f->nlines) return NULL;
  const char *s = f->lines[n - 1];
  const char *e = s;
  const char *end = f->text + f->len;
  while (e < end && *e != '\n' && *e != '\r')
    e++;
  *len = (size_t)(e - s);
  return s;
}
