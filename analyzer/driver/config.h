/*
 * config.h - the optional `.connlint` file, and how it meets the command line.
 *
 * A project puts its connlint settings in a `.connlint` file; connlint uses
 * the nearest one at or above each analyzed file's directory (and the
 * current directory, for run-wide settings). Nearest only: configuration
 * files do not cascade. The format is one `key = value` per line, `#`
 * starts a comment:
 *
 *     # .connlint
 *     packs = posix, stdio, curl      # built-in packs to load (default: all)
 *     no-default-rules = false        # true: load no built-in pack
 *     rules = tools/our.rules         # extra rule files (may repeat)
 *     exclude = third_party, src/gen*, *.pb.c   # globs (may repeat)
 *     exit-paths = ignore             # report|ignore resources held at exit() or main()'s return
 *     compile-commands = build/       # default -p: compile_commands.json's dir
 *     cache-dir = .cache/connlint     # analysis cache ($XDG_CACHE_HOME/connlint); off: none
 *     disable = connlint-memory-leak  # rule-id globs not reported (may repeat)
 *     enable = connlint-*-leak        # report only these rule ids (may repeat)
 *
 * Paths (rules, compile-commands, cache-dir) are relative to the file's directory.
 * Exclusion globs match paths relative to it too: a glob with a '/' is
 * anchored there and matches a file or any directory above it ("src/gen*"
 * excludes src/generated/msg.c); a glob without one matches any single
 * path component ("*.pb.c", "third_party").
 *
 * An unknown key, a bad value or a key set twice is an error carrying
 * "file:line: message" (the CLI reports it and exits 2): a typo in a
 * configuration must not silently change what is analyzed.
 *
 * The command line fills a Config of its own (path NULL, dir = cwd) and
 * config_merge() lets it override the file: single values from the command
 * line win when given; rule files and exclusions from both apply.
 */
#ifndef CONNLINT_CONFIG_H
#define CONNLINT_CONFIG_H

#include "arena.h"

#include <stdbool.h>

typedef enum { TRI_UNSET, TRI_NO, TRI_YES } Tri;
typedef enum { EXIT_PATHS_UNSET, EXIT_PATHS_REPORT, EXIT_PATHS_IGNORE } ExitPaths;

typedef struct ConfigGlob {
  const char *base;    /* absolute directory the pattern is relative to */
  const char *pattern; /* as written, without a leading "./" */
} ConfigGlob;

typedef struct Config {
  const char *path; /* the .connlint file; NULL for command-line settings */
  const char *dir;  /* absolute directory paths are resolved against */
  Vec packs;        /* const char *: built-in pack names, as written */
  bool packs_set;   /* `packs` given (it replaces the default: all packs) */
  int packs_line;   /* its line, to report an unknown pack as file:line */
  Tri no_default_rules;
  Vec rule_files; /* const char *: resolved paths of extra rule files */
  Vec excludes;   /* ConfigGlob * */
  ExitPaths exit_paths;
  const char *compile_commands; /* resolved path, NULL if unset */
  const char *cache_dir;        /* resolved path, "off", or NULL if unset */
  Vec enable;                   /* const char *: rule-id globs to report (none: all) */
  Vec disable;                  /* const char *: rule-id globs not to report */
} Config;

typedef struct ConfigError {
  char msg[1024]; /* "path/.connlint:3: unknown key 'pakcs'" */
} ConfigError;

/* An empty Config: every setting unset, paths relative to dir. */
void config_init(Config *c, const char *path, const char *dir);

/* Parses the text of the configuration file `path` (absolute, or relative
   to cwd). Returns 0, or -1 with *err filled. */
int config_parse(Config *c, Arena *a, const char *path, const char *text, const char *cwd,
                 ConfigError *err);
int config_load(Config *c, Arena *a, const char *path, const char *cwd, ConfigError *err);

/* Adds an exclusion glob relative to base (the CLI's --exclude: cwd). */
void config_add_exclude(Config *c, Arena *a, const char *base, const char *pattern);

/* *out = file's settings overridden by cli's (either may be NULL). Lists
   are shared, not copied: out lives no longer than both. */
void config_merge(Config *out, Arena *a, const Config *file, const Config *cli);

/* Whether an exclusion glob of c matches `file` (absolute, or relative to
   cwd). */
bool config_excluded(const Config *c, const char *file, const char *cwd);

/* Configuration files found by walking up directories, each read once. */
typedef struct ConfigSet {
  Arena arena;
  const char *cwd;
  Vec dirs; /* ConfigDir *: a directory and the configuration that governs it */
} ConfigSet;

void configs_init(ConfigSet *cs, const char *cwd); /* cwd NULL: the process's */
void configs_free(ConfigSet *cs);

/* The nearest .connlint at or above `dir`; *out is NULL when there is none.
   Returns -1 with *err filled when that file is malformed or unreadable. */
int configs_find(ConfigSet *cs, const char *dir, const Config **out, ConfigError *err);

/* configs_find for the directory of `file`. */
int configs_for_file(ConfigSet *cs, const char *file, const Config **out, ConfigError *err);

#endif
