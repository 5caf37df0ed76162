/*
 * config.c - reading `.connlint` files and merging them with the command
 * line (see config.h).
 *
 * Each key has one small setter; the parser only splits lines and reports
 * errors with the line they came from.
 */
#include "config.h"

#include "fspath.h"
#include "srccache.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char CONFIG_NAME[] = ".connlint";

/* Nobody writes a megabyte of settings; a file that big is not ours. */
enum { CONFIG_MAX_BYTES = 1 << 20 };

typedef struct Parser {
  Config *c;
  Arena *a;
  const char *path;
  int line;
  ConfigError *err;
  int seen[8]; /* line where each single-valued key was set, 0 if not */
} Parser;

__attribute__((format(printf, 2, 3))) static int fail(Parser *p, const char *fmt, ...) {
  int n = snprintf(p->err->msg, sizeof p->err->msg, "%s:%d: ", p->path, p->line);
  va_list ap;
  va_start(ap, fmt);
  if (n >= 0 && (size_t)n < sizeof p->err->msg)
    vsnprintf(p->err->msg + n, sizeof p->err->msg - (size_t)n, fmt, ap);
  va_end(ap);
  return -1;
}

void config_init(Config *c, const char *path, const char *dir) {
  memset(c, 0, sizeof *c);
  c->path = path;
  c->dir = dir;
}

/* ---- Values --------------------------------------------------------------- */

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char *trim(char *s) {
  while (is_space(*s))
    s++;
  char *e = s + strlen(s);
  while (e > s && is_space(e[-1]))
    *--e = '\0';
  return s;
}

/* Splits a comma-separated value into trimmed, non-empty items. */
static int split_list(Parser *p, const char *key, char *value, Vec *items) {
  for (char *s = value;;) {
    char *comma = strchr(s, ',');
    if (comma) *comma = '\0';
    char *item = trim(s);
    if (!*item) return fail(p, "empty item in the list of '%s'", key);
    vec_push(p->a, items, arena_strdup(p->a, item));
    if (!comma) return 0;
    s = comma + 1;
  }
}

static int parse_bool(Parser *p, const char *key, const char *v, Tri *out) {
  static const char *const yes[] = {"true", "yes", "on", "1"};
  static const char *const no[] = {"false", "no", "off", "0"};
  for (int i = 0; i < 4; i++) {
    if (strcmp(v, yes[i]) == 0) {
      *out = TRI_YES;
      return 0;
    }
    if (strcmp(v, no[i]) == 0) {
      *out = TRI_NO;
      return 0;
    }
  }
  return fail(p, "'%s' must be true or false, not '%s'", key, v);
}

static const char *resolve(Parser *p, const char *v) {
  return fspath_abs(p->a, p->c->dir, v);
}

void config_add_exclude(Config *c, Arena *a, const char *base, const char *pattern) {
  while (pattern[0] == '.' && pattern[1] == '/')
    pattern += 2;
  while (pattern[0] == '/') /* anchored at the base either way */
    pattern++;
  ConfigGlob *g = ARENA_NEW(a, ConfigGlob);
  g->base = arena_strdup(a, base);
  g->pattern = arena_strdup(a, pattern);
  vec_push(a, &c->excludes, g);
}

/* ---- Keys ----------------------------------------------------------------- */

enum {
  K_PACKS,
  K_NO_DEFAULT,
  K_EXIT_PATHS,
  K_COMPILE_COMMANDS,
  K_CACHE_DIR,
  K_RULES,
  K_EXCLUDE,
  K_ENABLE,
  K_DISABLE
};

static const char *const keys[] = {
    [K_PACKS] = "packs",           [K_NO_DEFAULT] = "no-default-rules",
    [K_EXIT_PATHS] = "exit-paths", [K_COMPILE_COMMANDS] = "compile-commands",
    [K_RULES] = "rules",           [K_EXCLUDE] = "exclude",
    [K_ENABLE] = "enable",         [K_DISABLE] = "disable",
    [K_CACHE_DIR] = "cache-dir",
};

static int set_key(Parser *p, int k, char *v) {
  Config *c = p->c;
  if (k < K_RULES) { /* single-valued */
    if (p->seen[k]) return fail(p, "'%s' is already set at line %d", keys[k], p->seen[k]);
    p->seen[k] = p->line;
  }
  switch (k) {
  case K_PACKS:
    c->packs_set = true;
    c->packs_line = p->line;
    return split_list(p, keys[k], v, &c->packs);
  case K_NO_DEFAULT: return parse_bool(p, keys[k], v, &c->no_default_rules);
  case K_EXIT_PATHS:
    if (strcmp(v, "report") == 0)
      c->exit_paths = EXIT_PATHS_REPORT;
    else if (strcmp(v, "ignore") == 0)
      c->exit_paths = EXIT_PATHS_IGNORE;
    else
      return fail(p, "'exit-paths' must be report or ignore, not '%s'", v);
    return 0;
  case K_COMPILE_COMMANDS: c->compile_commands = resolve(p, v); return 0;
  case K_CACHE_DIR: c->cache_dir = strcmp(v, "off") == 0 ? "off" : resolve(p, v); return 0;
  case K_RULES: {
    Vec files = {0};
    if (split_list(p, keys[k], v, &files) < 0) return -1;
    for (int i = 0; i < files.len; i++)
      vec_push(p->a, &c->rule_files, (void *)resolve(p, files.data[i]));
    return 0;
  }
  case K_EXCLUDE: {
    Vec globs = {0};
    if (split_list(p, keys[k], v, &globs) < 0) return -1;
    for (int i = 0; i < globs.len; i++)
      config_add_exclude(c, p->a, c->dir, globs.data[i]);
    return 0;
  }
  case K_ENABLE: return split_list(p, keys[k], v, &c->enable);
  case K_DISABLE: return split_list(p, keys[k], v, &c->disable);
  }
  return 0;
}

/* A '#' starts a comment at the start of a line or after a blank, so a
   glob like "a#b" keeps its '#'. */
static void strip_comment(char *s) {
  for (char *p = s; *p; p++)
    if (*p == '#' && (p == s || is_space(p[-1]))) {
      *p = '\0';
      return;
    }
}

static int parse_line(Parser *p, char *line) {
  strip_comment(line);
  char *s = trim(line);
  if (!*s) return 0;
  char *eq = strchr(s, '=');
  if (!eq) return fail(p, "expected 'key = value', got '%s'", s);
  *eq = '\0';
  char *key = trim(s), *value = trim(eq + 1);
  for (int k = 0; k < (int)(sizeof keys / sizeof keys[0]); k++) {
    if (strcmp(key, keys[k]) != 0) continue;
    if (!*value) return fail(p, "'%s' has no value", key);
    return set_key(p, k, value);
  }
  return fail(p,
              "unknown key '%s' (known: packs, no-default-rules, rules, exclude, exit-paths, "
              "compile-commands, cache-dir, enable, disable)",
              key);
}

int config_parse(Config *c, Arena *a, const char *path, const char *text, const char *cwd,
                 ConfigError *err) {
  const char *abs = fspath_abs(a, cwd, path);
  config_init(c, arena_strdup(a, path), fspath_dirname(a, abs));
  Parser p = {.c = c, .a = a, .path = path, .err = err};
  for (const char *s = text; *s;) {
    const char *e = strchr(s, '\n');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    p.line++;
    if (parse_line(&p, arena_strndup(a, s, n)) < 0) return -1;
    s += n + (e != NULL);
  }
  return 0;
}

int config_load(Config *c, Arena *a, const char *path, const char *cwd, ConfigError *err) {
  size_t n = 0;
  const char *why = NULL;
  char *text = file_read(a, path, CONFIG_MAX_BYTES, &n, &why);
  if (text && memchr(text, '\0', n)) why = "not a text file";
  if (!text || memchr(text, '\0', n)) {
    snprintf(err->msg, sizeof err->msg, "%s: cannot read: %s", path, why);
    return -1;
  }
  return config_parse(c, a, path, text, cwd, err);
}

/* ---- Merging and matching ------------------------------------------------- */

static void append(Arena *a, Vec *to, const Vec *from) {
  for (int i = 0; i < from->len; i++)
    vec_push(a, to, from->data[i]);
}

void config_merge(Config *out, Arena *a, const Config *file, const Config *cli) {
  static const Config none;
  if (!file) file = &none;
  if (!cli) cli = &none;
  config_init(out, file->path, cli->dir ? cli->dir : file->dir);
  const Config *packs = cli->packs_set ? cli : file;
  out->packs = packs->packs;
  out->packs_set = packs->packs_set;
  out->packs_line = packs->packs_line;
  out->no_default_rules = cli->no_default_rules ? cli->no_default_rules : file->no_default_rules;
  out->exit_paths = cli->exit_paths ? cli->exit_paths : file->exit_paths;
  out->compile_commands = cli->compile_commands ? cli->compile_commands : file->compile_commands;
  out->cache_dir = cli->cache_dir ? cli->cache_dir : file->cache_dir;
  append(a, &out->rule_files, &file->rule_files);
  append(a, &out->rule_files, &cli->rule_files);
  append(a, &out->excludes, &file->excludes);
  append(a, &out->excludes, &cli->excludes);
  append(a, &out->enable, &file->enable);
  append(a, &out->enable, &cli->enable);
  append(a, &out->disable, &file->disable);
  append(a, &out->disable, &cli->disable);
}

/* Whether the glob matches rel ("a/b/c.c") or a directory above it. */
static bool glob_matches(const char *pattern, const char *rel, char *scratch) {
  bool anchored = strchr(pattern, '/') != NULL;
  strcpy(scratch, rel);
  for (char *end = scratch + strlen(scratch);;) {
    *end = '\0';
    const char *last = strrchr(scratch, '/');
    const char *subject = anchored ? scratch : last ? last + 1 : scratch;
    if (fnmatch(pattern, subject, anchored ? FNM_PATHNAME : 0) == 0) return true;
    if (!last) return false;
    end = (char *)last;
  }
}

bool config_excluded(const Config *c, const char *file, const char *cwd) {
  if (!c || !c->excludes.len) return false;
  Arena a;
  arena_init(&a);
  const char *abs = fspath_abs(&a, cwd, file);
  bool hit = false;
  for (int i = 0; i < c->excludes.len && !hit; i++) {
    const ConfigGlob *g = c->excludes.data[i];
    const char *rel = fspath_rel(fspath_normalize(&a, g->base), abs);
    if (rel && strcmp(rel, ".") != 0 && *g->pattern)
      hit = glob_matches(g->pattern, rel, arena_alloc(&a, strlen(rel) + 1));
  }
  arena_free(&a);
  return hit;
}

/* ---- Finding configuration files ------------------------------------------ */

typedef struct ConfigDir {
  const char *dir;
  const Config *config; /* NULL: none at or above dir */
} ConfigDir;

void configs_init(ConfigSet *cs, const char *cwd) {
  memset(cs, 0, sizeof *cs);
  arena_init(&cs->arena);
  cs->cwd = cwd ? arena_strdup(&cs->arena, cwd) : fspath_cwd(&cs->arena);
  if (!cs->cwd) cs->cwd = "/";
}

void configs_free(ConfigSet *cs) {
  arena_free(&cs->arena);
  memset(cs, 0, sizeof *cs);
}

static const ConfigDir *cached(const ConfigSet *cs, const char *dir) {
  for (int i = 0; i < cs->dirs.len; i++) {
    const ConfigDir *d = cs->dirs.data[i];
    if (strcmp(d->dir, dir) == 0) return d;
  }
  return NULL;
}

static void remember(ConfigSet *cs, const char *dir, const Config *c) {
  ConfigDir *d = ARENA_NEW(&cs->arena, ConfigDir);
  d->dir = dir;
  d->config = c;
  vec_push(&cs->arena, &cs->dirs, d);
}

int configs_find(ConfigSet *cs, const char *dir, const Config **out, ConfigError *err) {
  Arena *a = &cs->arena;
  const char *start = fspath_abs(a, cs->cwd, dir);
  const Config *found = NULL;
  const char *d = start;
  for (;;) {
    const ConfigDir *hit = cached(cs, d);
    if (hit) {
      found = hit->config;
      break;
    }
    const char *path = arena_printf(a, "%s%s%s", d, strcmp(d, "/") == 0 ? "" : "/", CONFIG_NAME);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
      Config *c = ARENA_NEW(a, Config);
      if (config_load(c, a, path, cs->cwd, err) < 0) return -1;
      found = c;
      remember(cs, d, c);
      break;
    }
    if (strcmp(d, "/") == 0) break;
    d = fspath_dirname(a, d);
  }
  /* Every directory walked through is governed by what was found. */
  for (const char *w = start; strcmp(w, d) != 0; w = fspath_dirname(a, w))
    if (!cached(cs, w)) remember(cs, w, found);
  if (!cached(cs, d)) remember(cs, d, found);
  *out = found;
  return 0;
}

int configs_for_file(ConfigSet *cs, const char *file, const Config **out, ConfigError *err) {
  return configs_find(cs, fspath_dirname(&cs->arena, file), out, err);
}
