/*
 * cc.c - `connlint cc COMPILER ARGS...`, the compiler wrapper (see confirm.h).
 *
 * Like ccache or scan-build's wrapper: for each C source a compile step
 * names, the unit is analyzed with the step's own preprocessor flags and an
 * instrumented copy is compiled in its place (in a private temporary
 * directory, with -iquote pointing back at the source's directory so
 * #include "x.h" still resolves). A link step gets the runtime library and
 * libfiu appended. Anything else (-E, -M, -S, non-C inputs, a step with no
 * source) runs the compiler unchanged, and so does a unit connlint cannot
 * analyze: the wrapper never breaks a build that works without it.
 *
 * CONNLINT_CC_SOURCES (a space-separated list of files) adds units whose
 * function summaries the analysis uses, as a whole-program run over the
 * same files does: helpers in other files are then understood.
 * CONNLINT_CC_VERBOSE=1 prints what was instrumented on stderr;
 * CONNLINT_CC_KEEP=1 keeps the instrumented copies (and says where).
 */
#include "confirm.h"

#include "compdb.h"
#include "driver.h"
#include "fingerprint.h"
#include "fspath.h"
#include "instrument.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Options whose value is the next argument. */
static bool takes_value(const char *a) {
  static const char *const opts[] = {
      "-o",         "-I",  "-D",  "-U",        "-include", "-imacros",  "-isystem",  "-iquote",
      "-idirafter", "-MF", "-MT", "-MQ",       "-x",       "-L",        "-l",        "-Xlinker",
      "-T",         "-z",  "-u",  "-aux-info", "--param",  "-isysroot", "--sysroot", NULL};
  for (int i = 0; opts[i]; i++)
    if (strcmp(a, opts[i]) == 0) return true;
  return false;
}

/* Flags that change what the preprocessor and parser see. */
static bool analysis_flag(const char *a) {
  static const char *const pre[] = {"-I",        "-D",        "-U",         "-std=",    "-include",
                                    "-isystem",  "-iquote",   "-idirafter", "-imacros", "-nostdinc",
                                    "--sysroot", "-isysroot", NULL};
  for (int i = 0; pre[i]; i++)
    if (strncmp(a, pre[i], strlen(pre[i])) == 0) return true;
  return false;
}

static bool is_c_source(const char *a) {
  size_t n = strlen(a);
  return n > 2 && strcmp(a + n - 2, ".c") == 0;
}

static int run_compiler(char **argv) {
  pid_t pid = fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    execvp(argv[0], argv);
    fprintf(stderr, "connlint cc: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* The runtime library: $CONNLINT_RT_LIB, else beside the connlint binary
   (the build tree), else ../lib from it (an installation). */
static const char *runtime_lib(Arena *a) {
  const char *env = getenv("CONNLINT_RT_LIB");
  if (env && *env) return env;
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return NULL;
  exe[n] = 0;
  const char *dir = fspath_dirname(a, exe);
  const char *cands[] = {arena_printf(a, "%s/libconnlint_rt.a", dir),
                         arena_printf(a, "%s/../lib/libconnlint_rt.a", dir)};
  for (int i = 0; i < 2; i++)
    if (access(cands[i], R_OK) == 0) return cands[i];
  return NULL;
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  size_t k;
  while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      char *g = realloc(buf, cap *= 2);
      if (!g) {
        free(buf);
        buf = NULL;
      }
      buf = g;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

/* Analyzes `src` (with the context units) and writes its instrumented copy
   into dir; returns the copy's path, or NULL to compile the original. */
static const char *instrument_one(Arena *a, const char *src, char **flags, int nflags,
                                  const char *dir, bool verbose) {
  JobList jl;
  joblist_init(&jl);
  Vec files = {0};
  vec_push(a, &files, (void *)src);
  char *ctx = getenv("CONNLINT_CC_SOURCES") ? arena_strdup(a, getenv("CONNLINT_CC_SOURCES")) : NULL;
  char want[PATH_MAX], have[PATH_MAX];
  bool src_real = realpath(src, want) != NULL;
  for (char *save = NULL, *t = ctx ? strtok_r(ctx, " \t\n", &save) : NULL; t;
       t = strtok_r(NULL, " \t\n", &save))
    if (!(src_real && realpath(t, have) && strcmp(want, have) == 0)) vec_push(a, &files, t);
  compdb_add_files(&jl, (char *const *)files.data, files.len, flags, nflags);

  RuleSet *rs = rules_new();
  RuleError re;
  const char *out = NULL;
  if (rules_load_builtin(rs, NULL, &re) != 0) {
    fprintf(stderr, "connlint cc: internal error: built-in rules: %s\n", re.msg);
    rules_delete(rs);
    joblist_free(&jl);
    return NULL;
  }
  rules_finish(rs);
  DriverOptions dopt = {.jobs = 1, .whole_program = true, .summaries = true};
  engine_default_options(&dopt.engine);
  DriverResult r;
  driver_result_init(&r);
  driver_run(&jl, rs, &dopt, &r);
  size_t len = 0;
  char *text = r.files_ok > 0 ? read_all(src, &len) : NULL;
  if (text) {
    fingerprints_assign(&r.findings);
    Buf b = {0};
    InstrumentStats st = {0};
    instrument_unit(a, src, text, len, &r.findings, rs, &b, &st);
    const char *base = strrchr(src, '/');
    out = arena_printf(a, "%s/%s", dir, base ? base + 1 : src);
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(b.data, 1, b.len, f) != b.len) out = NULL;
    if (f && fclose(f) != 0) out = NULL;
    if (verbose)
      fprintf(stderr,
              "connlint cc: %s: %d finding%s instrumented, %d fault site%s, %d release%s, "
              "%d leak point%s, %d skipped\n",
              src, st.findings, st.findings == 1 ? "" : "s", st.faults, st.faults == 1 ? "" : "s",
              st.releases, st.releases == 1 ? "" : "s", st.points, st.points == 1 ? "" : "s",
              st.skipped);
    free(text);
  } else if (verbose) {
    fprintf(stderr, "connlint cc: %s: not analyzed; compiled as is\n", src);
  }
  driver_result_free(&r);
  rules_delete(rs);
  joblist_free(&jl);
  return out;
}

/* With -MD or -MMD the compiler listed the instrumented copies as
   dependencies: point the depfile back at the user's sources, or make would
   look for the deleted copies next time. */
static void fix_depfile(Arena *a, int argc, char **argv, Vec *copies, Vec *origs) {
  const char *dep = NULL, *obj = NULL;
  bool md = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-MD") == 0 || strcmp(argv[i], "-MMD") == 0) md = true;
    if (strcmp(argv[i], "-MF") == 0 && i + 1 < argc) dep = argv[i + 1];
    if (strncmp(argv[i], "-MF", 3) == 0 && argv[i][3]) dep = argv[i] + 3;
    if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) obj = argv[i + 1];
  }
  if (!md || copies->len == 0) return;
  if (!dep && obj) {
    const char *dot = strrchr(obj, '.'), *slash = strrchr(obj, '/');
    size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - obj) : strlen(obj);
    dep = arena_printf(a, "%.*s.d", (int)n, obj);
  }
  size_t len = 0;
  char *text = dep ? read_all(dep, &len) : NULL;
  if (!text) return;
  Buf b = {0};
  buf_puts(a, &b, "");
  for (size_t i = 0; i < len;) {
    int k = 0;
    for (; k < copies->len; k++) {
      size_t cl = strlen(copies->data[k]);
      if (len - i >= cl && memcmp(text + i, copies->data[k], cl) == 0) {
        buf_puts(a, &b, origs->data[k]);
        i += cl;
        break;
      }
    }
    if (k == copies->len) buf_putc(a, &b, text[i++]);
  }
  free(text);
  FILE *f = fopen(dep, "wb");
  if (!f) return;
  fwrite(b.data, 1, b.len, f);
  fclose(f);
}

static void remove_dir(const char *dir, char **made, int nmade) {
  if (getenv("CONNLINT_CC_KEEP") && strcmp(getenv("CONNLINT_CC_KEEP"), "0")) {
    fprintf(stderr, "connlint cc: instrumented copies kept in %s\n", dir);
    return;
  }
  for (int i = 0; i < nmade; i++)
    unlink(made[i]);
  rmdir(dir);
}

int cc_main(int argc, char **argv) {
  if (argc < 1) {
    fprintf(stderr, "connlint cc: usage: connlint cc COMPILER [ARGS...]\n");
    return 2;
  }
  Arena a;
  arena_init(&a);
  bool verbose = getenv("CONNLINT_CC_VERBOSE") && strcmp(getenv("CONNLINT_CC_VERBOSE"), "0");
  bool compile_only = false, passthrough = false, not_c = false;
  Vec flags = {0};
  int nsrc = 0;
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i];
    if (strcmp(s, "-E") == 0 || strcmp(s, "-M") == 0 || strcmp(s, "-MM") == 0 ||
        strcmp(s, "-S") == 0 || strcmp(s, "-fsyntax-only") == 0)
      passthrough = true;
    if (strcmp(s, "-c") == 0) compile_only = true;
    if (strcmp(s, "-x") == 0 && i + 1 < argc && strcmp(argv[i + 1], "c") != 0) not_c = true;
    if (strncmp(s, "-x", 2) == 0 && s[2] && strcmp(s + 2, "c") != 0) not_c = true;
    if (analysis_flag(s)) {
      vec_push(&a, &flags, (void *)s);
      if (takes_value(s) && i + 1 < argc) vec_push(&a, &flags, argv[i + 1]);
    }
    if (takes_value(s)) {
      i++;
      continue;
    }
    if (s[0] != '-' && is_c_source(s)) nsrc++;
  }
  bool link = !compile_only && !passthrough;
  if (passthrough || not_c || (nsrc == 0 && !link)) {
    arena_free(&a);
    return run_compiler(argv);
  }

  char tmpl[PATH_MAX];
  const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  snprintf(tmpl, sizeof tmpl, "%s/connlint-cc-XXXXXX", tmp);
  const char *dir = nsrc ? mkdtemp(tmpl) : NULL;
  Vec args = {0}, made = {0}, origs = {0};
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    bool value = i > 1 && takes_value(argv[i - 1]);
    if (i > 0 && !value && s[0] != '-' && is_c_source(s) && dir) {
      const char *copy = instrument_one(&a, s, (char **)flags.data, flags.len, dir, verbose);
      if (copy) {
        char real[PATH_MAX];
        const char *sd = fspath_dirname(&a, realpath(s, real) ? real : s);
        vec_push(&a, &args, "-iquote");
        vec_push(&a, &args, (void *)sd);
        vec_push(&a, &args, (void *)copy);
        vec_push(&a, &made, (void *)copy);
        vec_push(&a, &origs, (void *)s);
        continue;
      }
    }
    vec_push(&a, &args, (void *)s);
  }
  if (link) {
    const char *lib = runtime_lib(&a);
    if (!lib) {
      fprintf(stderr, "connlint cc: cannot find libconnlint_rt.a (set CONNLINT_RT_LIB)\n");
      if (dir) remove_dir(dir, (char **)made.data, made.len);
      arena_free(&a);
      return 2;
    }
    vec_push(&a, &args, (void *)lib);
    vec_push(&a, &args, "-lfiu");
    vec_push(&a, &args, "-lpthread");
  }
  vec_push(&a, &args, NULL);
  int rc = run_compiler((char **)args.data);
  if (rc == 0) fix_depfile(&a, argc, argv, &made, &origs);
  if (dir) remove_dir(dir, (char **)made.data, made.len);
  arena_free(&a);
  return rc;
}
