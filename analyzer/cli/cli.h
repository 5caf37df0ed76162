/*
 * cli.h - the command line, parsed into Options.
 *
 * cli_parse only reads argv: it checks the form of every option and leaves
 * all I/O (files, databases, rule packs) to main.c, so usage errors are
 * told apart from input errors by exit code (both 2, different messages).
 *
 * Stage cli (this header, main.c): the top. main.c reads the command line,
 * runs the driver and hands the findings to the report stage.
 */
#ifndef CONNLINT_CLI_H
#define CONNLINT_CLI_H

#include "arena.h"
#include "driver.h"
#include "report.h"

#include <stdbool.h>

typedef struct Options {
  Arena arena;            /* owns the arrays below; strings point into argv */
  const char *compdb_dir; /* -p */
  char **files;           /* positional arguments */
  int nfiles;
  char **cflags; /* after -- */
  int ncflags;
  int jobs; /* -j; 0 = online CPUs */
  OutputFormat format;
  const char *output;      /* -o; NULL = stdout */
  DumpMode dump;           /* --dump-cfg[=text|dot] */
  const char **rule_files; /* --rules FILE, repeatable */
  int nrule_files;
  const char **packs; /* --rules-pack NAME, repeatable */
  int npacks;
  const char **excludes; /* --exclude GLOB, repeatable */
  int nexcludes;
  bool no_default_rules;
  bool list_rules;
  bool quiet;
  bool report_exit_paths;
  bool per_file; /* --per-file: no summaries across units */
  bool no_summaries;
  bool no_config;
  bool stats;              /* --stats: timing and memory on stderr */
  bool parse_only;         /* --parse-only: the front end's parse alone, for benchmarks */
  FrontendChoice frontend; /* --frontend */
  ColorMode color;
  const char *srcroot;
  const char *baseline;
  bool help, version;
} Options;

void options_init(Options *o);
void options_free(Options *o);

/* Returns 0, or -1 with a one-line message in err. */
int cli_parse(Options *o, int argc, char **argv, char *err, int errlen);
void cli_usage(FILE *out);

#endif
