/*
 * newsince.c - the changed lines of a git diff, and the findings on them.
 *
 * Lines are kept per file as sorted ranges straight from the hunk headers
 * (`@@ -a,b +c,d @@`): with -U0 every hunk is exactly a change. Files are
 * keyed by their real path, so findings named relatively or through a
 * symlink still match.
 */
#include "newsince.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct Range {
  int first, last;
} Range;

typedef struct FileLines {
  const char *path; /* real path */
  Vec ranges;       /* Range * */
} FileLines;

struct ChangedLines {
  Arena arena;
  Map files; /* real path -> FileLines */
};

ChangedLines *changed_new(void) {
  Arena a;
  arena_init(&a);
  ChangedLines *cl = ARENA_NEW(&a, ChangedLines);
  cl->arena = a;
  return cl;
}

void changed_delete(ChangedLines *cl) {
  if (!cl) return;
  Arena a = cl->arena;
  arena_free(&a);
}

static const char *real(Arena *a, const char *path) {
  char buf[PATH_MAX];
  return arena_strdup(a, realpath(path, buf) ? buf : path);
}

static FileLines *file_lines(ChangedLines *cl, const char *path) {
  const char *key = real(&cl->arena, path);
  FileLines *f = map_get(&cl->files, str_hash(key), key, str_eq);
  if (!f) {
    f = ARENA_NEW(&cl->arena, FileLines);
    f->path = key;
    map_put(&cl->arena, &cl->files, str_hash(key), key, f, str_eq);
  }
  return f;
}

static void add_range(ChangedLines *cl, FileLines *f, int first, int last) {
  Range *r = ARENA_NEW(&cl->arena, Range);
  r->first = first;
  r->last = last;
  vec_push(&cl->arena, &f->ranges, r);
}

void changed_parse_diff(ChangedLines *cl, const char *root, const char *diff) {
  FileLines *cur = NULL;
  for (const char *p = diff; *p;) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n > 6 && strncmp(p, "+++ ", 4) == 0) {
      /* "+++ b/path", or "+++ /dev/null" for a deleted file */
      cur = NULL;
      if (strncmp(p + 4, "b/", 2) == 0) {
        char *rel = arena_strndup(&cl->arena, p + 6, n - 6);
        cur = file_lines(cl, arena_printf(&cl->arena, "%s/%s", root, rel));
      }
    } else if (cur && n > 4 && strncmp(p, "@@ ", 3) == 0) {
      int c = 0, d = 1;
      const char *plus = strstr(p, " +");
      if (plus && plus < p + n) {
        if (sscanf(plus + 2, "%d,%d", &c, &d) < 1) c = 0;
        if (d > 0)
          add_range(cl, cur, c, c + d - 1);
        else if (c >= 0)
          add_range(cl, cur, c, c + 1); /* deleted after line c */
      }
    }
    p += n + (e != NULL);
  }
}

bool changed_has(const ChangedLines *cl, const char *file, int line) {
  if (!file || line <= 0) return false;
  char buf[PATH_MAX];
  const char *key = realpath(file, buf) ? buf : file;
  const FileLines *f = map_get(&cl->files, str_hash(key), key, str_eq);
  for (int i = 0; f && i < f->ranges.len; i++) {
    const Range *r = f->ranges.data[i];
    if (line >= r->first && line <= r->last) return true;
  }
  return false;
}

/* Runs a command, its output in *out (NUL-terminated, in a). Returns the
   exit status, or -1 when it could not run. */
static int capture(Arena *a, const char *cmd, char **out) {
  FILE *f = popen(cmd, "r");
  if (!f) return -1;
  Buf b = {0};
  char chunk[8192];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    for (size_t i = 0; i < n; i++)
      buf_putc(a, &b, chunk[i]);
  *out = (char *)buf_str(a, &b);
  int st = pclose(f);
  return st == -1 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The argument quoted for sh. */
static const char *quote(Arena *a, const char *s) {
  Buf b = {0};
  buf_putc(a, &b, '\'');
  for (; *s; s++) {
    if (*s == '\'')
      buf_puts(a, &b, "'\\''");
    else
      buf_putc(a, &b, *s);
  }
  buf_putc(a, &b, '\'');
  return buf_str(a, &b);
}

int changed_from_git(ChangedLines *cl, const char *dir, const char *rev, char *err, int errlen) {
  Arena a;
  arena_init(&a);
  int rc = -1;
  char *root = NULL, *diff = NULL;
  const char *qd = quote(&a, dir), *qr = quote(&a, rev);
  if (capture(&a, arena_printf(&a, "git -C %s rev-parse --show-toplevel 2>/dev/null", qd), &root) !=
          0 ||
      !*root) {
    snprintf(err, (size_t)errlen, "--new-since: %s is not inside a git repository", dir);
  } else if (capture(&a,
                     arena_printf(&a, "git -C %s rev-parse --verify --quiet %s^{commit} >/dev/null",
                                  qd, qr),
                     &diff) != 0) {
    snprintf(err, (size_t)errlen, "--new-since: '%s' is not a git revision of %s", rev, dir);
  } else {
    root[strcspn(root, "\n")] = '\0';
    const char *cmd = arena_printf(&a,
                                   "git -C %s diff -U0 --no-color --no-ext-diff --no-renames "
                                   "%s -- 2>&1",
                                   quote(&a, root), qr);
    if (capture(&a, cmd, &diff) != 0) {
      snprintf(err, (size_t)errlen, "--new-since: git diff %s failed: %.300s", rev, diff);
    } else {
      changed_parse_diff(cl, root, diff);
      rc = 0;
    }
  }
  arena_free(&a);
  return rc;
}

static bool on_changed(const ChangedLines *cl, const Finding *f) {
  if (changed_has(cl, f->loc.file, f->loc.line) ||
      changed_has(cl, f->acq_loc.file, f->acq_loc.line))
    return true;
  for (int i = 0; i < f->nleak_points; i++)
    if (changed_has(cl, f->leak_points[i].file, f->leak_points[i].line)) return true;
  return false;
}

int changed_filter(const ChangedLines *cl, FindingList *fl) {
  int kept = 0, n = fl->findings.len;
  for (int i = 0; i < n; i++)
    if (on_changed(cl, fl->findings.data[i])) fl->findings.data[kept++] = fl->findings.data[i];
  fl->findings.len = kept;
  return n - kept;
}
