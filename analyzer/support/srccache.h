/*
 * srccache.h - source text for reports, read once per run.
 *
 * The text emitter quotes the reported line, suppressions read the comment
 * on or above it, and SARIF hashes lines for GitHub: all three ask for the
 * same few files many times. A SourceCache reads each file once into its
 * arena and indexes its lines. A file that cannot be read is remembered as
 * such (text == NULL) and reports simply go without its lines.
 */
#ifndef CONNLINT_SRCCACHE_H
#define CONNLINT_SRCCACHE_H

#include "arena.h"

#include <stddef.h>

typedef struct SourceFile {
  const char *path;
  const char *text; /* whole file, NUL-terminated; NULL if unreadable */
  size_t len;
  const char **lines; /* lines[i]: start of line i+1; ends at \n, \r\n or \r */
  int nlines;
  /* GitHub's primaryLocationLineHash of each line, filled on first use by
     fingerprint_line_hash() (fingerprint.h); NULL until then. */
  const char **line_hashes;
  int nline_hashes;
} SourceFile;

typedef struct SourceCache {
  Arena arena;
  Vec files;        /* SourceFile * */
  SourceFile *last; /* the last one asked for: reports come file by file */
} SourceCache;

void srccache_init(SourceCache *sc);
void srccache_free(SourceCache *sc);

/* Never NULL; ->text is NULL when the file cannot be read (or is larger
   than a source file plausibly is). */
SourceFile *srccache_get(SourceCache *sc, const char *path);

/* Makes `path` read as `text` (len bytes, copied) from now on: an editor's
   unsaved buffer, for suppressions and fixes in `connlint lsp`. */
SourceFile *srccache_put(SourceCache *sc, const char *path, const char *text, size_t len);

/* Line n (1-based) without its terminator, length in *len; NULL when the
   file is unreadable or has no such line. */
const char *srcfile_line(const SourceFile *f, int n, size_t *len);

/* Reads a whole file of at most `max` bytes into a, NUL-terminated, its
   length in *len. NULL on failure, with *why saying what went wrong. */
char *file_read(Arena *a, const char *path, size_t max, size_t *len, const char **why);

#endif
