/*
 * fspath.h - lexical file path arithmetic for reports and configuration.
 *
 * SARIF wants paths relative to a source root, configuration files resolve
 * paths relative to themselves, and exclusion globs match paths relative to
 * a configuration's directory. All of that is string work on '/'-separated
 * paths: nothing here touches the file system except fspath_cwd, so a path
 * through a symlink is taken as written (as compilers and editors do).
 */
#ifndef CONNLINT_FSPATH_H
#define CONNLINT_FSPATH_H

#include "arena.h"

#include <stdbool.h>

bool fspath_is_abs(const char *p);

/* "a/./b//../c" -> "a/c"; "/.." -> "/"; "" -> ".". Leading ".." of a
   relative path are kept. No trailing '/' except for the root. */
char *fspath_normalize(Arena *a, const char *p);

/* p made absolute against dir (itself absolute), then normalized. */
char *fspath_abs(Arena *a, const char *dir, const char *p);

/* The directory part: "a/b.c" -> "a", "b.c" -> ".", "/b.c" -> "/". */
char *fspath_dirname(Arena *a, const char *p);

/* p relative to root when p lies under it ("src/x.c"), "." when p is root,
   NULL otherwise. Both must be normalized absolute paths. */
const char *fspath_rel(const char *root, const char *p);

/* The current directory, or NULL if it cannot be determined. */
char *fspath_cwd(Arena *a);

#endif
