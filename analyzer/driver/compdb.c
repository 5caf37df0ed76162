/*
 * compdb.c - compile_commands.json through libclang's compilation database.
 *
 * libclang only says "cannot load" for a broken database, so the file is
 * first checked with jansson, which can say where the JSON is wrong; the
 * entries themselves are always read through libclang, which knows the
 * quoting rules of both the "command" and the "arguments" forms.
 */
#include "compdb.h"

#include <clang-c/CXCompilationDatabase.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void joblist_init(JobList *jl) {
  memset(jl, 0, sizeof *jl);
  arena_init(&jl->arena);
}

void joblist_free(JobList *jl) {
  arena_free(&jl->arena);
  memset(jl, 0, sizeof *jl);
}

static Job *job_push(JobList *jl) {
  if ((jl->njobs & (jl->njobs - 1)) == 0) { /* grow at powers of two */
    Job *jobs = ARENA_ARRAY(&jl->arena, Job, jl->njobs ? jl->njobs * 2 : 1);
    if (jl->njobs) memcpy(jobs, jl->jobs, sizeof(Job) * (size_t)jl->njobs);
    jl->jobs = jobs;
  }
  return &jl->jobs[jl->njobs++];
}

void compdb_add_files(JobList *jl, char *const *files, int nfiles, char *const *args, int nargs) {
  for (int i = 0; i < nfiles; i++) {
    Job *j = job_push(jl);
    j->file = arena_strdup(&jl->arena, files[i]);
    j->args = ARENA_ARRAY(&jl->arena, const char *, nargs + 1);
    for (int k = 0; k < nargs; k++)
      j->args[k] = arena_strdup(&jl->arena, args[k]);
    j->nargs = nargs;
  }
}

static bool is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Finds the directory holding compile_commands.json: `start` or a parent. */
static int find_db_dir(const char *start, char *out, size_t outlen) {
  char buf[PATH_MAX];
  if (!realpath(start, buf)) return -1;
  if (is_file(buf)) { /* the JSON file itself */
    char *slash = strrchr(buf, '/');
    if (slash == buf)
      slash[1] = '\0';
    else
      *slash = '\0';
  }
  for (;;) {
    char cand[PATH_MAX + 32];
    snprintf(cand, sizeof cand, "%s/compile_commands.json", buf);
    if (is_file(cand)) {
      snprintf(out, outlen, "%s", buf);
      return 0;
    }
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf) return -1;
    *slash = '\0';
  }
}

/* Flags that make sense for a compiler but not for a parse: outputs and
   dependency files (libclang would write them). Returns how many arguments
   to drop at position i (0: keep). */
static int drop_count(const char *a, const char *source, const char *dir) {
  static const char *with_value[] = {"-o", "-MF", "-MT", "-MQ", "-MJ", NULL};
  for (int i = 0; with_value[i]; i++)
    if (strcmp(a, with_value[i]) == 0) return 2;
  if (strcmp(a, "-c") == 0 || strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0 ||
      strcmp(a, "-MP") == 0 || strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0 ||
      strcmp(a, "--") == 0)
    return 1;
  if (strncmp(a, "-o", 2) == 0 || strncmp(a, "-MF", 3) == 0 || strncmp(a, "-MT", 3) == 0 ||
      strncmp(a, "-MQ", 3) == 0)
    return 1;
  /* The source itself, however the command spells it ("../x.c"). */
  if (a[0] != '-') {
    char joined[2 * PATH_MAX], real[PATH_MAX];
    if (a[0] == '/')
      snprintf(joined, sizeof joined, "%s", a);
    else
      snprintf(joined, sizeof joined, "%s/%s", dir, a);
    if (strcmp(joined, source) == 0 || (realpath(joined, real) && strcmp(real, source) == 0))
      return 1;
  }
  return 0;
}

static const char *absolute(Arena *a, const char *dir, const char *file) {
  char buf[PATH_MAX];
  const char *p = file;
  char joined[2 * PATH_MAX];
  if (file[0] != '/') {
    snprintf(joined, sizeof joined, "%s/%s", dir, file);
    p = joined;
  }
  return arena_strdup(a, realpath(p, buf) ? buf : p);
}

static int check_json(const char *path, char *err, int errlen) {
  json_error_t je;
  json_t *root = json_load_file(path, 0, &je);
  if (!root) {
    snprintf(err, (size_t)errlen, "%s:%d:%d: malformed compilation database: %s", path, je.line,
             je.column, je.text);
    return -1;
  }
  int rc = 0;
  if (!json_is_array(root)) {
    snprintf(err, (size_t)errlen,
             "%s: malformed compilation database: expected a JSON array of entries", path);
    rc = -1;
  } else if (json_array_size(root) == 0) {
    snprintf(err, (size_t)errlen,
             "%s: the compilation database has no entries; regenerate it (cmake "
             "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or bear -- make)",
             path);
    rc = -1;
  } else {
    size_t i;
    json_t *e;
    json_array_foreach(root, i, e) {
      if (!json_is_object(e) || !json_is_string(json_object_get(e, "file")) ||
          !json_is_string(json_object_get(e, "directory")) ||
          (!json_is_string(json_object_get(e, "command")) &&
           !json_is_array(json_object_get(e, "arguments")))) {
        snprintf(err, (size_t)errlen,
                 "%s: entry %zu is malformed: each entry needs \"directory\", \"file\" and "
                 "\"command\" or \"arguments\"",
                 path, i + 1);
        rc = -1;
        break;
      }
    }
  }
  json_decref(root);
  return rc;
}

/* A named file matches an entry by real path. */
static bool wanted(const char *file, char *const *real, int n) {
  if (n == 0) return true;
  for (int i = 0; i < n; i++)
    if (real[i] && strcmp(real[i], file) == 0) return true;
  return false;
}

/* A file built twice (libtool's PIC and non-PIC objects) is analyzed
   once, with its first entry: sort by file, keeping database order among
   equals, and drop the repeats. Sorting keeps this n log n on databases of
   tens of thousands of entries. */
typedef struct Ranked {
  Job job;
  int rank;
} Ranked;

static int ranked_cmp(const void *a, const void *b) {
  const Ranked *x = a, *y = b;
  int c = strcmp(x->job.file, y->job.file);
  return c ? c : (x->rank > y->rank) - (x->rank < y->rank);
}

static void drop_repeats(JobList *jl, int from) {
  int n = jl->njobs - from;
  if (n < 2) return;
  Ranked *r = malloc(sizeof *r * (size_t)n);
  if (!r) return; /* keep the repeats: slower, not wrong */
  for (int i = 0; i < n; i++)
    r[i] = (Ranked){jl->jobs[from + i], i};
  qsort(r, (size_t)n, sizeof *r, ranked_cmp);
  int kept = 0;
  for (int i = 0; i < n; i++)
    if (i == 0 || strcmp(r[i].job.file, r[i - 1].job.file) != 0) r[kept++] = r[i];
  for (int i = 0; i < kept; i++)
    jl->jobs[from + i] = r[i].job;
  jl->njobs = from + kept;
  free(r);
}

int compdb_load(JobList *jl, const char *dir, char *const *files, int nfiles, char *err,
                int errlen) {
  char dbdir[PATH_MAX];
  if (!is_dir(dir) && !is_file(dir)) {
    snprintf(err, (size_t)errlen,
             "%s: no such directory; -p takes the build directory holding "
             "compile_commands.json",
             dir);
    return -1;
  }
  if (find_db_dir(dir, dbdir, sizeof dbdir) != 0) {
    snprintf(err, (size_t)errlen,
             "%s: no compile_commands.json here or in a parent directory; generate one "
             "(cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or bear -- make)",
             dir);
    return -1;
  }
  char json[PATH_MAX + 32];
  snprintf(json, sizeof json, "%s/compile_commands.json", dbdir);
  if (check_json(json, err, errlen) != 0) return -1;

  CXCompilationDatabase_Error dberr;
  CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dbdir, &dberr);
  if (dberr != CXCompilationDatabase_NoError || !db) {
    snprintf(err, (size_t)errlen, "%s: libclang could not load this compilation database", json);
    return -1;
  }
  jl->db_path = arena_strdup(&jl->arena, json);
  char dbabs[PATH_MAX];
  if (!realpath(dbdir, dbabs)) snprintf(dbabs, sizeof dbabs, "%s", dbdir);

  char **real = calloc((size_t)nfiles + 1, sizeof(char *));
  for (int i = 0; i < nfiles; i++) {
    char buf[PATH_MAX];
    real[i] = strdup(realpath(files[i], buf) ? buf : files[i]);
  }

  int first = jl->njobs;
  CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
  unsigned n = clang_CompileCommands_getSize(cmds);
  for (unsigned i = 0; i < n; i++) {
    CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
    CXString d = clang_CompileCommand_getDirectory(cmd);
    CXString f = clang_CompileCommand_getFilename(cmd);
    /* A relative "directory" is relative to the database's own directory
       (the format says so), not to wherever connlint runs. */
    const char *cdir = absolute(&jl->arena, dbabs, clang_getCString(d));
    const char *file = absolute(&jl->arena, cdir, clang_getCString(f));
    clang_disposeString(d);
    clang_disposeString(f);
    if (!wanted(file, real, nfiles)) continue;

    unsigned nargs = clang_CompileCommand_getNumArgs(cmd);
    Job *j = job_push(jl);
    j->file = file;
    j->dir = cdir;
    j->args = ARENA_ARRAY(&jl->arena, const char *, nargs + 1);
    /* Argument 0 is the compiler. */
    for (unsigned k = 1; k < nargs; k++) {
      CXString s = clang_CompileCommand_getArg(cmd, k);
      const char *a = clang_getCString(s);
      int drop = drop_count(a, file, cdir);
      if (drop == 0) {
        j->args[j->nargs++] = arena_strdup(&jl->arena, a);
      } else if (drop == 2) {
        k++;
      }
      clang_disposeString(s);
    }
  }
  clang_CompileCommands_dispose(cmds);
  clang_CompilationDatabase_dispose(db);
  drop_repeats(jl, first);

  int rc = 0;
  for (int i = 0; i < nfiles && rc == 0; i++) {
    bool found = false;
    for (int k = first; k < jl->njobs; k++)
      if (strcmp(jl->jobs[k].file, real[i]) == 0) found = true;
    if (!found) {
      snprintf(err, (size_t)errlen,
               "%s: not listed in %s; rebuild the compilation database or "
               "pass compiler flags after --",
               files[i], json);
      rc = -1;
    }
  }
  for (int i = 0; i < nfiles; i++)
    free(real[i]);
  free(real);
  return rc;
}
