/*
 * compdb_context.c - named files analyzed with the whole compilation
 * database as context.
 *
 * A pre-commit hook names the files a commit touches; their leaks may run
 * through helpers in files it does not touch. So the run loads every unit
 * of the database (their summaries come from the cache when unchanged) and
 * reports only the named ones. A named file the database does not list
 * yet (a new file, before the build is reconfigured) is either an error or,
 * when the caller allows it, analyzed with default flags.
 */
#include "compdb.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int compdb_load_context(JobList *jl, const char *dir, char *const *files, int nfiles,
                        char *const *args, int nargs, bool allow_unlisted, bool **report,
                        Vec *unlisted, char *err, int errlen) {
  if (compdb_load(jl, dir, NULL, 0, err, errlen) != 0) return -1;
  int listed = jl->njobs;
  for (int i = 0; i < nfiles; i++) {
    char buf[PATH_MAX];
    const char *real = realpath(files[i], buf) ? buf : files[i];
    bool found = false;
    for (int k = 0; k < listed && !found; k++)
      found = strcmp(jl->jobs[k].file, real) == 0;
    if (found) continue;
    if (!allow_unlisted) {
      snprintf(err, (size_t)errlen,
               "%s: not listed in %s; rebuild the compilation database or "
               "pass compiler flags after --",
               files[i], jl->db_path);
      return -1;
    }
    vec_push(&jl->arena, unlisted, arena_strdup(&jl->arena, files[i]));
    compdb_add_files(jl, &files[i], 1, args, nargs);
  }
  bool *r = ARENA_ARRAY(&jl->arena, bool, jl->njobs + 1);
  for (int k = 0; k < jl->njobs; k++) {
    if (k >= listed) {
      r[k] = true;
      continue;
    }
    for (int i = 0; i < nfiles && !r[k]; i++) {
      char buf[PATH_MAX];
      const char *real = realpath(files[i], buf) ? buf : files[i];
      r[k] = strcmp(jl->jobs[k].file, real) == 0;
    }
  }
  *report = r;
  return 0;
}
