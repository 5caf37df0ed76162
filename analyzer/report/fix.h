/*
 * fix.h - suggested fixes: the release call inserted before a leak's exit.
 *
 * The engine says where a release would be right (Finding.fixes, FixSite);
 * this module reads the source around the exit and turns a site into text
 * insertions, or refuses: the exit must be spelled `return` or `goto` right
 * there (not produced by a macro), the holder must be in scope, and an exit
 * that is the lone body of an `if`, `else` or loop gets braces so the
 * release stays on its path. Fixes are shown as text notes, SARIF `fixes`,
 * LSP code actions, and as a unified diff (--fix-diff); connlint never
 * writes to the user's files.
 */
#ifndef CONNLINT_FIX_H
#define CONNLINT_FIX_H

#include "finding.h"
#include "srccache.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct FixEdit {
  int line, col; /* 1-based; col in bytes: insert before this byte */
  size_t offset; /* the same point as a byte offset in the file */
  const char *text;
} FixEdit;

enum { FIX_MAX_EDITS = 3 };

typedef struct Fix {
  const char *file;
  const char *title; /* "insert 'close(fd);' before the return at line 41" */
  const FixSite *site;
  FixEdit edits[FIX_MAX_EDITS]; /* in file order */
  int nedits;
} Fix;

/* The first of f's fix sites the source allows, in *out (strings in a);
   false when there is none. `src` is the text of the sites' file. */
bool fix_make(const Finding *f, const SourceFile *src, Arena *a, Fix *out);

/* A unified diff (`git apply` accepts it, paths as the findings name them)
   applying one fix per unsuppressed finding. Fixes that touch the same
   statement as an earlier one are left out and counted in *skipped: apply
   the diff and run again. Returns the number of fixes in the diff. */
int fix_diff(const FindingList *fl, SourceCache *sc, Arena *a, Buf *out, int *skipped);

#endif
