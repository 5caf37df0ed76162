/*
 * cli.c - option parsing by hand, so that every form users type works
 * (`-j4`, `-j 4`, `--format=sarif`, `--format sarif`) and every mistake gets
 * a message that names the option and says what it takes.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void options_init(Options *o) {
  memset(o, 0, sizeof *o);
  arena_init(&o->arena);
  o->timeout = 60;        /* the largest real units parse in a few seconds */
  o->memory_limit = 4096; /* MiB; real units need a few hundred */
}

void options_free(Options *o) {
  arena_free(&o->arena);
}

void cli_usage(FILE *out) {
  fputs("usage: connlint [options] FILE... [-- COMPILER-FLAGS]\n"
        "       connlint -p BUILD_DIR [options] [FILE...]\n"
        "       connlint lsp [--debounce MS] [--log]   (language server on stdin/stdout)\n"
        "\n"
        "Finds resources (sockets, file descriptors, FILE*, libcurl handles, database\n"
        "results, locks, memory) that are acquired and not released on some path.\n"
        "\n"
        "Input:\n"
        "  -p DIR                 read compile_commands.json from DIR (or a parent);\n"
        "                         analyze every unit, or only the FILEs named\n"
        "  -- FLAGS               compiler flags for the named FILEs (-I, -D, -std=...)\n"
        "  -j N                   analyze N translation units in parallel (default: CPUs)\n"
        "  --timeout SECONDS      give up on a unit whose parse takes longer (default: 60;\n"
        "                         0: no limit); the run goes on with a note naming it\n"
        "  --memory-limit MIB     give up on a unit whose parse needs more memory\n"
        "                         (default: 4096; 0: no cap)\n"
        "\n"
        "Rules:\n"
        "  --rules FILE           add rules from FILE (repeatable)\n"
        "  --rules-pack NAME      use only the named built-in packs (repeatable)\n"
        "  --no-default-rules     load no built-in pack (use with --rules)\n"
        "  --list-rules           print every resource kind and function rule, and exit\n"
        "  --check-rules          warn about --rules rules no call in the analyzed code matched\n"
        "\n"
        "Analysis:\n"
        "  --report-exit-paths    also report resources held when the process ends: exit(),\n"
        "                         abort() and other noreturn calls, and main()'s return\n"
        "  --per-file             do not use function summaries across translation units\n"
        "  --no-summaries         do not summarize analyzed functions at all\n"
        "  --max-states N         per-function budget of explored states (default 20000,\n"
        "                         and 64 MiB of them, raised in proportion; a function of\n"
        "                         over 600 blocks gets more in proportion to its size);\n"
        "                         a function that needs more gets a note naming it\n"
        "  --no-config            ignore .connlint configuration files\n"
        "  --cache-dir DIR        keep per-unit results in DIR between runs (default:\n"
        "                         $XDG_CACHE_HOME/connlint, else ~/.cache/connlint; the\n"
        "                         .connlint key cache-dir); only changed units and those\n"
        "                         whose context changed are analyzed again, and the results\n"
        "                         are exactly those of a run without the cache\n"
        "  --no-cache             analyze every unit again, read and write no cache\n"
        "  --cache-size MIB       trim the cache to MIB mebibytes, least recently used\n"
        "                         first (default: 256)\n"
        "  --allow-unlisted       with -p: analyze named files the database does not list\n"
        "                         with default flags (or those after --), with a note\n"
        "  --exclude GLOB         skip files matching GLOB (repeatable; see .connlint)\n"
        "  --enable RULE,...      report only these rule ids (globs: 'connlint-*-leak')\n"
        "  --disable RULE,...     do not report these rule ids (globs)\n"
        "  --new-since REV        report only findings on lines changed since git revision\n"
        "                         REV (the whole program is still analyzed)\n"
        "\n"
        "Output:\n"
        "  --format text|sarif    output format (default: text)\n"
        "  -o FILE                write the report to FILE instead of standard output\n"
        "  --color=auto|always|never  color text output (default: auto, only on a terminal)\n"
        "  --quiet                print only the finding lines\n"
        "  --fix-diff             print the suggested fixes as a unified diff (for git apply)\n"
        "                         instead of the report; files are never changed\n"
        "  --srcroot DIR          SARIF: make paths under DIR relative to %SRCROOT%\n"
        "  --baseline FILE        report only findings not in this earlier SARIF report\n"
        "  --sarif-category NAME  SARIF: automationDetails.id NAME/ (one per upload of a\n"
        "                         commit, e.g. per build configuration)\n"
        "  --sarif-omit-suppressed  SARIF: leave out findings suppressed in the code\n"
        "  --dump-cfg[=text|dot]  print each function's control-flow graph and exit\n"
        "  --stats                print timing and memory figures on standard error\n"
        "  --parse-only           parse and stop (with --stats: the floor)\n"
        "  --frontend=NAME        clang, tree-sitter or auto (default: libclang when the\n"
        "                         flags are known or the unit parses, else tree-sitter)\n"
        "  --in-process           parse in connlint's own process, without --timeout and\n"
        "                         --memory-limit (for debuggers and measurements)\n"
        "  --version              print the version and exit\n"
        "  --help                 print this help and exit\n"
        "\n"
        "Runtime confirmation (README, \"Confirming findings at run time\"):\n"
        "  connlint cc COMPILER ARGS...  compile instrumented copies (a compiler wrapper)\n"
        "  connlint confirm --run CMD [--timeout S] [--confirm-dir DIR] [options] FILE...\n"
        "                         run CMD once per finding with its fault plan armed and\n"
        "                         add each finding's verdict (-j runs at once)\n"
        "  connlint confirm --events DIR [options] FILE...\n"
        "                         verdicts from runs recorded with CONNLINT_RT_OUT=DIR\n"
        "\n"
        "Exit status: 0 no findings, 1 findings, 2 usage or input error, 3 internal error.\n",
        out);
}

/* Matches `--name`, `--name=value` and `--name value`; `-x`, `-xvalue`
   and `-x value` for short options. Returns 1 and sets *value on a match,
   0 when argv[*i] is another option, -1 when the value is missing. */
static int take(const char *name, int argc, char **argv, int *i, const char **value) {
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n) != 0) return 0;
  bool is_long = name[1] == '-';
  if (a[n] == '\0') {
    if (*i + 1 >= argc) return -1;
    *value = argv[++*i];
    return 1;
  }
  if (is_long && a[n] == '=') {
    *value = a + n + 1;
    return 1;
  }
  if (!is_long) {
    *value = a + n;
    return 1;
  }
  return 0;
}

static const char **push_str(Arena *a, const char **arr, int *n, int cap, const char *s) {
  if (!arr) arr = ARENA_ARRAY(a, const char *, cap);
  arr[(*n)++] = s;
  return arr;
}

int cli_parse(Options *o, int argc, char **argv, char *err, int errlen) {
  o->files = ARENA_ARRAY(&o->arena, char *, argc + 1);
  int cap = argc + 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = NULL;
    int r;
    if (strcmp(a, "--") == 0) {
      o->cflags = argv + i + 1;
      o->ncflags = argc - i - 1;
      break;
    }
    if (a[0] != '-' || strcmp(a, "-") == 0) {
      o->files[o->nfiles++] = argv[i];
      continue;
    }
#define VALUE_OPT(name)                                                                            \
  if ((r = take(name, argc, argv, &i, &v)) < 0) {                                                  \
    snprintf(err, (size_t)errlen, "option %s needs a value; see connlint --help", name);           \
    return -1;                                                                                     \
  }                                                                                                \
  if (r > 0)
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      o->help = true;
    } else if (strcmp(a, "--version") == 0) {
      o->version = true;
    } else if (strcmp(a, "--no-default-rules") == 0) {
      o->no_default_rules = true;
    } else if (strcmp(a, "--list-rules") == 0) {
      o->list_rules = true;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
      o->quiet = true;
    } else if (strcmp(a, "--report-exit-paths") == 0) {
      o->report_exit_paths = true;
    } else if (strcmp(a, "--per-file") == 0) {
      o->per_file = true;
    } else if (strcmp(a, "--no-summaries") == 0) {
      o->no_summaries = true;
    } else if (strcmp(a, "--check-rules") == 0) {
      o->check_rules = true;
    } else if (strcmp(a, "--no-config") == 0) {
      o->no_config = true;
    } else if (strcmp(a, "--sarif-omit-suppressed") == 0) {
      o->sarif_omit_suppressed = true;
    } else if (strcmp(a, "--no-cache") == 0) {
      o->no_cache = true;
    } else if (strcmp(a, "--allow-unlisted") == 0) {
      o->allow_unlisted = true;
    } else if (strcmp(a, "--fix-diff") == 0) {
      o->format = FMT_FIX_DIFF;
    } else if (strcmp(a, "--stats") == 0) {
      o->stats = true;
    } else if (strcmp(a, "--in-process") == 0) {
      o->in_process = true;
    } else if (strcmp(a, "--parse-only") == 0) {
      o->parse_only = true;
    } else if (strcmp(a, "--dump-cfg") == 0) {
      o->dump = DUMP_TEXT;
    } else if (strncmp(a, "--dump-cfg=", 11) == 0) {
      if (strcmp(a + 11, "text") == 0)
        o->dump = DUMP_TEXT;
      else if (strcmp(a + 11, "dot") == 0)
        o->dump = DUMP_DOT;
      else {
        snprintf(err, (size_t)errlen, "--dump-cfg takes 'text' or 'dot', not '%s'", a + 11);
        return -1;
      }
    } else if (strncmp(a, "--frontend=", 11) == 0) {
      const char *f = a + 11;
      if (strcmp(f, "clang") == 0 || strcmp(f, "libclang") == 0)
        o->frontend = FRONTEND_CLANG;
      else if (strcmp(f, "tree-sitter") == 0)
        o->frontend = FRONTEND_TREE_SITTER;
      else if (strcmp(f, "auto") == 0)
        o->frontend = FRONTEND_AUTO;
      else {
        snprintf(err, (size_t)errlen, "--frontend takes clang, tree-sitter or auto, not '%s'", f);
        return -1;
      }
    } else if (strncmp(a, "--color", 7) == 0 && (a[7] == '\0' || a[7] == '=')) {
      v = a[7] == '=' ? a + 8 : "always";
      if (color_mode_parse(v, &o->color) != 0) {
        snprintf(err, (size_t)errlen, "--color takes auto, always or never, not '%s'", v);
        return -1;
      }
    } else {
      VALUE_OPT("-p") {
        o->compdb_dir = v;
        continue;
      }
      VALUE_OPT("-j") {
        char *end;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0' || n < 1 || n > 1024) {
          snprintf(err, (size_t)errlen, "-j takes a number of jobs from 1 to 1024, not '%s'", v);
          return -1;
        }
        o->jobs = (int)n;
        continue;
      }
      VALUE_OPT("--timeout") {
        char *end;
        double t = strtod(v, &end);
        if (*v == '\0' || *end != '\0' || !(t >= 0 && t <= 86400)) {
          snprintf(err, (size_t)errlen, "--timeout takes seconds from 0 to 86400, not '%s'", v);
          return -1;
        }
        o->timeout = t;
        continue;
      }
      VALUE_OPT("--memory-limit") {
        char *end;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0' || n < 0 || n > (1L << 24)) {
          snprintf(err, (size_t)errlen, "--memory-limit takes MiB from 0 to 16777216, not '%s'", v);
          return -1;
        }
        o->memory_limit = n;
        continue;
      }
      VALUE_OPT("--max-states") {
        char *end;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0' || n < 1 || n > 100000000) {
          snprintf(err, (size_t)errlen,
                   "--max-states takes a number of states from 1 to 100000000, not '%s'", v);
          return -1;
        }
        o->max_states = (int)n;
        continue;
      }
      VALUE_OPT("-o") {
        o->output = v;
        continue;
      }
      VALUE_OPT("--format") {
        if (strcmp(v, "text") == 0)
          o->format = FMT_TEXT;
        else if (strcmp(v, "sarif") == 0)
          o->format = FMT_SARIF;
        else {
          snprintf(err, (size_t)errlen, "--format takes 'text' or 'sarif', not '%s'", v);
          return -1;
        }
        continue;
      }
      VALUE_OPT("--rules-pack") {
        o->packs = push_str(&o->arena, o->packs, &o->npacks, cap, v);
        continue;
      }
      VALUE_OPT("--rules") {
        o->rule_files = push_str(&o->arena, o->rule_files, &o->nrule_files, cap, v);
        continue;
      }
      VALUE_OPT("--exclude") {
        o->excludes = push_str(&o->arena, o->excludes, &o->nexcludes, cap, v);
        continue;
      }
      VALUE_OPT("--srcroot") {
        o->srcroot = v;
        continue;
      }
      VALUE_OPT("--baseline") {
        o->baseline = v;
        continue;
      }
      VALUE_OPT("--enable") {
        o->enable = push_str(&o->arena, o->enable, &o->nenable, cap, v);
        continue;
      }
      VALUE_OPT("--disable") {
        o->disable = push_str(&o->arena, o->disable, &o->ndisable, cap, v);
        continue;
      }
      VALUE_OPT("--sarif-category") {
        if (!*v || strchr(v, '/')) {
          snprintf(err, (size_t)errlen,
                   "--sarif-category takes a name without '/', like 'connlint-debug', not '%s'", v);
          return -1;
        }
        o->sarif_category = v;
        continue;
      }
      VALUE_OPT("--new-since") {
        o->new_since = v;
        continue;
      }
      VALUE_OPT("--cache-dir") {
        o->cache_dir = v;
        continue;
      }
      VALUE_OPT("--cache-size") {
        char *end;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0' || n < 1 || n > 1048576) {
          snprintf(err, (size_t)errlen,
                   "--cache-size takes a size in MiB from 1 to 1048576, not '%s'", v);
          return -1;
        }
        o->cache_mib = n;
        continue;
      }
      snprintf(err, (size_t)errlen, "unknown option '%s'; see connlint --help", a);
      return -1;
    }
#undef VALUE_OPT
  }
  return 0;
}
