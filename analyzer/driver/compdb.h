/*
 * compdb.h - translation units to analyze, and the flags to parse them with.
 *
 * A Job is one translation unit: the source file, the compiler arguments
 * libclang should see (compiler name, -c, -o, dependency-file flags and the
 * source itself stripped), and the directory relative paths are resolved
 * against. Jobs come from a compile_commands.json, read through libclang's
 * compilation-database API, or from files named on the command line.
 */
#ifndef CONNLINT_COMPDB_H
#define CONNLINT_COMPDB_H

#include "arena.h"

typedef struct Job {
  const char *file; /* absolute path when it came from a database */
  const char *dir;  /* working directory for the parse (NULL: current) */
  const char **args;
  int nargs;
  /* The file's contents when they differ from the disk (an editor's
     unsaved buffer, `connlint lsp`), or NULL. */
  const char *unsaved;
  size_t unsaved_len;
} Job;

typedef struct JobList {
  Arena arena; /* owns the jobs and their strings */
  Job *jobs;
  int njobs;
  const char *db_path; /* the compile_commands.json used, if any */
} JobList;

void joblist_init(JobList *jl);
void joblist_free(JobList *jl);

/* Adds one job per named file with the same extra arguments. */
void compdb_add_files(JobList *jl, char *const *files, int nfiles, char *const *args, int nargs);

/*
 * Loads <dir>/compile_commands.json, looking in `dir` and then its parents
 * (`dir` may also name the JSON file itself). With nfiles > 0 only the named
 * files are kept; a named file the database does not list is an error.
 * Returns 0, or -1 with a sentence in `err` naming the file and what to do.
 */
int compdb_load(JobList *jl, const char *dir, char *const *files, int nfiles, char *err,
                int errlen);

#endif
