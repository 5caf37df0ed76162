/*
 * store.c - the cache directory: entries written atomically, read back and
 * checked, and the directory kept to its size budget.
 *
 * An entry is a text file named after its slot under units/. It ends with
 * a digest of everything before it, so a truncated or damaged file is
 * noticed and removed rather than trusted. Writers write a temporary file
 * in the same directory and rename it over the entry: readers in other
 * runs see the old entry or the new one, never a mix. Reading an entry
 * touches it, and trimming removes the least recently used first.
 */
#include "cache_int.h"

#include "srccache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef CONNLINT_VERSION
#define CONNLINT_VERSION "0"
#endif

enum { ENTRY_FORMAT = 4, MAX_ENTRY = 64 << 20, MAX_SOURCE = 256 << 20 };
#define DEFAULT_BUDGET ((size_t)256 << 20)
#define MAX_AGE_DAYS 30

struct Cache {
  Arena arena;
  const char *dir;   /* the cache directory */
  const char *units; /* dir/units */
  size_t max_bytes;
  char header[96]; /* an entry's first line: format, version, build */
  bool wrote;
  unsigned serial; /* temporary file names */
  Map files;       /* path -> Digest * (NULL: unreadable) */
  CacheMemo *memo; /* digests from earlier sessions, or NULL */
};

static int mkdir_p(char *path) {
  for (char *p = path + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    int r = mkdir(path, 0777);
    *p = '/';
    if (r != 0 && errno != EEXIST) return -1;
  }
  return mkdir(path, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

Cache *cache_open(const char *dir, size_t max_bytes, Digest build, char *err, int errlen) {
  Arena a;
  arena_init(&a);
  Cache *c = ARENA_NEW(&a, Cache);
  c->arena = a;
  char hex[33];
  digest_hex(build, hex);
  snprintf(c->header, sizeof c->header, "connlint-cache %d %s %s", ENTRY_FORMAT, CONNLINT_VERSION,
           hex);
  c->dir = arena_strdup(&c->arena, dir);
  c->units = arena_printf(&c->arena, "%s/units", dir);
  c->max_bytes = max_bytes ? max_bytes : DEFAULT_BUDGET;
  char *p = arena_strdup(&c->arena, c->units);
  if (mkdir_p(p) != 0 || access(c->units, W_OK) != 0) {
    snprintf(err, (size_t)errlen, "cannot use '%s' as the cache directory: %s (set --cache-dir)",
             dir, strerror(errno ? errno : EACCES));
    cache_close(c);
    return NULL;
  }
  /* The default directory may sit in a source tree: keep it out of git. */
  const char *ignore = arena_printf(&c->arena, "%s/.gitignore", dir);
  if (access(ignore, F_OK) != 0) {
    FILE *f = fopen(ignore, "w");
    if (f) {
      fputs("# connlint's cache (connlint --cache-dir)\n*\n", f);
      fclose(f);
    }
  }
  return c;
}

const char *cache_dir(const Cache *c) {
  return c->dir;
}

const char *cache_default_dir(Arena *a) {
  const char *xdg = getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return arena_printf(a, "%s/connlint", xdg);
  const char *home = getenv("HOME");
  if (home && home[0] == '/') return arena_printf(a, "%s/.cache/connlint", home);
  return arena_printf(a, "/tmp/connlint-cache-%ld", (long)getuid());
}

void cache_use_memo(Cache *c, CacheMemo *m) {
  c->memo = m;
}

/* Reads and digests path; the zero digest when it cannot be read. */
static Digest read_digest(const char *path) {
  Arena scratch;
  arena_init(&scratch);
  size_t len;
  const char *why;
  char *text = file_read(&scratch, path, MAX_SOURCE, &len, &why);
  Digest d = {{0, 0}}; /* unreadable: matches no recorded digest */
  if (text) d = digest_bytes(text, len);
  arena_free(&scratch);
  return d;
}

bool cache_file_digest(Cache *c, const char *path, Digest *out) {
  unsigned h = str_hash(path);
  Digest *d = map_get(&c->files, h, path, str_eq);
  if (!d) {
    d = ARENA_NEW(&c->arena, Digest);
    /* Stat'ed before reading: a change in between is seen next time. */
    MemoStat st;
    bool stated = c->memo && memo_stat(path, &st);
    if (!stated || !memo_get(c->memo, path, &st, d)) {
      *d = read_digest(path);
      if (stated && (d->h[0] || d->h[1])) memo_put(c->memo, path, &st, *d);
    }
    map_put(&c->arena, &c->files, h, arena_strdup(&c->arena, path), d, str_eq);
  }
  *out = *d;
  return d->h[0] || d->h[1];
}

bool cache_unit_fresh(Cache *c, const CacheUnit *u, const char *file) {
  Digest d;
  if (!cache_file_digest(c, file, &d) || !digest_equal(d, u->file)) return false;
  for (int i = 0; i < u->ndeps; i++)
    if (!cache_file_digest(c, u->deps[i], &d) || !digest_equal(d, u->dep_digests[i])) return false;
  return true;
}

/* ---- Entry text ----------------------------------------------------------- */

static void put_section(Arena *a, Buf *b, const char *name, const char *text) {
  int n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  if (*text && text[strlen(text) - 1] != '\n') n++;
  buf_printf(a, b, "%s %d\n%s", name, n, text);
  if (*text && text[strlen(text) - 1] != '\n') buf_putc(a, b, '\n');
}

static void put_digest(Arena *a, Buf *b, Digest d) {
  char hex[33];
  digest_hex(d, hex);
  buf_puts(a, b, hex);
}

static const char *entry_path(Cache *c, Arena *a, Digest slot) {
  char hex[33];
  digest_hex(slot, hex);
  return arena_printf(a, "%s/%s", c->units, hex);
}

int cache_unit_store(Cache *c, Digest slot, const CacheUnit *u) {
  Arena a;
  arena_init(&a);
  Buf b = {0};
  buf_printf(&a, &b, "%s\npath ", c->header);
  tok_put(&a, &b, u->path);
  buf_puts(&a, &b, "\nfile ");
  put_digest(&a, &b, u->file);
  buf_puts(&a, &b, "\nrules ");
  put_digest(&a, &b, u->rules);
  buf_puts(&a, &b, "\ncontext ");
  put_digest(&a, &b, u->context);
  buf_putc(&a, &b, '\n');
  for (int i = 0; i < u->ndeps; i++) {
    buf_puts(&a, &b, "dep ");
    tok_put(&a, &b, u->deps[i]);
    buf_putc(&a, &b, ' ');
    put_digest(&a, &b, u->dep_digests[i]);
    buf_putc(&a, &b, '\n');
  }
  for (int i = 0; i < u->nimports; i++) {
    buf_puts(&a, &b, "import ");
    tok_put(&a, &b, u->imports[i].name);
    buf_putc(&a, &b, ' ');
    put_digest(&a, &b, u->imports[i].summary);
    buf_putc(&a, &b, '\n');
  }
  for (int i = 0; i < u->ndefs; i++) {
    buf_puts(&a, &b, "def ");
    tok_put(&a, &b, u->defs[i].name);
    buf_printf(&a, &b, " %d\n", u->defs[i].ambiguous);
  }
  put_section(&a, &b, "attrs", u->attrs ? u->attrs : "");
  put_section(&a, &b, "summaries", u->summaries ? u->summaries : "");
  put_section(&a, &b, "findings", u->findings ? u->findings : "");
  put_section(&a, &b, "program", u->program ? u->program : "");
  put_section(&a, &b, "facts", u->facts ? u->facts : "");
  put_section(&a, &b, "checks", u->checks ? u->checks : "");
  const char *body = buf_str(&a, &b);
  Digest check = digest_str(body);
  buf_puts(&a, &b, "end ");
  put_digest(&a, &b, check);
  buf_putc(&a, &b, '\n');
  const char *text = buf_str(&a, &b);

  const char *final = entry_path(c, &a, slot);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  const char *tmp = arena_printf(&a, "%s/.tmp.%ld.%u.%ld", c->units, (long)getpid(), c->serial++,
                                 (long)ts.tv_nsec);
  int rc = -1;
  FILE *f = fopen(tmp, "w");
  if (f) {
    size_t len = strlen(text);
    bool ok = fwrite(text, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (ok && rename(tmp, final) == 0)
      rc = 0;
    else
      unlink(tmp);
  }
  if (rc == 0) c->wrote = true;
  arena_free(&a);
  return rc;
}

/* n lines of *p, copied as one text. */
static const char *take_section(Arena *a, char **p, const char *line, const char *name, bool *ok) {
  char *tok[3];
  char *copy = arena_strdup(a, line);
  int n = tok_split(copy, tok, 3);
  long count;
  if (n != 2 || strcmp(tok[0], name) != 0 || (count = strtol(tok[1], NULL, 10)) < 0) {
    *ok = false;
    return "";
  }
  Buf b = {0};
  for (long i = 0; i < count; i++) {
    char *l = next_line(p);
    if (!l) {
      *ok = false;
      return "";
    }
    buf_puts(a, &b, l);
    buf_putc(a, &b, '\n');
  }
  return buf_str(a, &b);
}

/* 0, -1 when the entry is damaged, -2 when another build wrote it. */
static int parse_entry(Arena *a, const char *header, char *text, CacheUnit *u) {
  memset(u, 0, sizeof *u);
  /* The check line covers everything before it. */
  char *end = NULL;
  for (char *q = strstr(text, "\nend "); q; q = strstr(q + 1, "\nend "))
    end = q;
  Digest want, got;
  if (!end) return -1;
  char *check = end + 5, *nl = strchr(check, '\n');
  if (nl) *nl = '\0';
  if (!digest_parse(check, &want)) return -1;
  end[1] = '\0';
  got = digest_str(text);
  if (!digest_equal(want, got)) return -1;

  char *p = text, *line = next_line(&p);
  char *tok[4];
  if (!line) return -1;
  if (strcmp(line, header) != 0) return strncmp(line, "connlint-cache ", 15) == 0 ? -2 : -1;
  bool ok = true;
  Vec deps = {0}, imports = {0}, defs = {0};
  while (ok && (line = next_line(&p))) {
    if (strncmp(line, "attrs ", 6) == 0) {
      u->attrs = take_section(a, &p, line, "attrs", &ok);
      if (ok && (line = next_line(&p)))
        u->summaries = take_section(a, &p, line, "summaries", &ok);
      else
        ok = false;
      if (ok && (line = next_line(&p)))
        u->findings = take_section(a, &p, line, "findings", &ok);
      else
        ok = false;
      if (ok && (line = next_line(&p)))
        u->program = take_section(a, &p, line, "program", &ok);
      else
        ok = false;
      if (ok && (line = next_line(&p)))
        u->facts = take_section(a, &p, line, "facts", &ok);
      else
        ok = false;
      if (ok && (line = next_line(&p)))
        u->checks = take_section(a, &p, line, "checks", &ok);
      else
        ok = false;
      break;
    }
    int n = tok_split(line, tok, 4);
    if (n == 2 && strcmp(tok[0], "path") == 0) {
      u->path = tok_get(a, tok[1], &ok);
    } else if (n == 2 && strcmp(tok[0], "file") == 0) {
      ok = digest_parse(tok[1], &u->file);
    } else if (n == 2 && strcmp(tok[0], "rules") == 0) {
      ok = digest_parse(tok[1], &u->rules);
    } else if (n == 2 && strcmp(tok[0], "context") == 0) {
      ok = digest_parse(tok[1], &u->context);
    } else if (n == 3 && strcmp(tok[0], "dep") == 0) {
      CacheImport *d = ARENA_NEW(a, CacheImport); /* the same shape: name, digest */
      d->name = tok_get(a, tok[1], &ok);
      ok = ok && d->name && digest_parse(tok[2], &d->summary);
      vec_push(a, &deps, d);
    } else if (n == 3 && strcmp(tok[0], "import") == 0) {
      CacheImport *d = ARENA_NEW(a, CacheImport);
      d->name = tok_get(a, tok[1], &ok);
      ok = ok && d->name && digest_parse(tok[2], &d->summary);
      vec_push(a, &imports, d);
    } else if (n == 3 && strcmp(tok[0], "def") == 0) {
      CacheDef *d = ARENA_NEW(a, CacheDef);
      d->name = tok_get(a, tok[1], &ok);
      d->ambiguous = strcmp(tok[2], "1") == 0;
      ok = ok && d->name;
      vec_push(a, &defs, d);
    } else {
      ok = false;
    }
  }
  if (!ok || !u->path || !u->findings || !u->facts || !u->checks) return -1;
  u->ndeps = deps.len;
  u->deps = ARENA_ARRAY(a, const char *, deps.len + 1);
  u->dep_digests = ARENA_ARRAY(a, Digest, deps.len + 1);
  for (int i = 0; i < deps.len; i++) {
    const CacheImport *d = deps.data[i];
    u->deps[i] = d->name;
    u->dep_digests[i] = d->summary;
  }
  u->nimports = imports.len;
  u->imports = vec_items(a, &imports, sizeof(CacheImport));
  u->ndefs = defs.len;
  u->defs = vec_items(a, &defs, sizeof(CacheDef));
  return 0;
}

void cache_unit_forget(Cache *c, Digest slot) {
  Arena a;
  arena_init(&a);
  if (unlink(entry_path(c, &a, slot)) == 0) c->wrote = true;
  arena_free(&a);
}

int cache_unit_load(Cache *c, Digest slot, Arena *a, CacheUnit *out) {
  const char *path = entry_path(c, a, slot);
  size_t len;
  const char *why;
  char *text = file_read(a, path, MAX_ENTRY, &len, &why);
  if (!text) return -1;
  int rc = strlen(text) != len ? -1 : parse_entry(a, c->header, text, out);
  if (rc == -1) unlink(path);         /* damaged: the next run writes it again */
  if (rc != 0) return -1;             /* or another connlint's: this one writes its own */
  utimensat(AT_FDCWD, path, NULL, 0); /* recently used, for trimming */
  return 0;
}

/* ---- Trimming --------------------------------------------------------------- */

typedef struct Item {
  char *path;
  time_t mtime;
  off_t size;
} Item;

static int by_age(const void *pa, const void *pb) {
  const Item *a = pa, *b = pb;
  return (a->mtime > b->mtime) - (a->mtime < b->mtime);
}

/* Removes temporary files left by crashed writers (an hour old), entries
   unused for MAX_AGE_DAYS, then the least recently used until the rest
   fits in 80% of the budget. */
static void trim(Cache *c) {
  DIR *d = opendir(c->units);
  if (!d) return;
  Arena a;
  arena_init(&a);
  Vec items = {0};
  size_t total = 0;
  time_t now = time(NULL);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char *p = arena_printf(&a, "%s/%s", c->units, e->d_name);
    struct stat st;
    if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) continue;
    bool tmp = strncmp(e->d_name, ".tmp.", 5) == 0;
    if ((tmp && now - st.st_mtime > 3600) ||
        (!tmp && now - st.st_mtime > (time_t)MAX_AGE_DAYS * 86400)) {
      unlink(p);
      continue;
    }
    if (tmp) continue;
    Item *it = ARENA_NEW(&a, Item);
    *it = (Item){p, st.st_mtime, st.st_size};
    vec_push(&a, &items, it);
    total += (size_t)st.st_size;
  }
  closedir(d);
  if (total > c->max_bytes) {
    Item *v = vec_items(&a, &items, sizeof(Item));
    qsort(v, (size_t)items.len, sizeof *v, by_age);
    for (int i = 0; i < items.len && total > c->max_bytes / 10 * 8; i++) {
      if (unlink(v[i].path) == 0) total -= (size_t)v[i].size;
    }
  }
  arena_free(&a);
}

void cache_close(Cache *c) {
  if (!c) return;
  if (c->wrote) trim(c);
  Arena a = c->arena;
  arena_free(&a);
}
