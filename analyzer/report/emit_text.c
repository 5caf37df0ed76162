/*
 * emit_text.c - gcc-style diagnostics (see emit_text.h).
 *
 * The layout copies gcc's: a five-wide line-number gutter before the quoted
 * line, the caret line under it, colors from the same palette (bold
 * locations, magenta warnings, cyan notes, green carets). The caret line
 * repeats the tabs of the quoted line so that it lines up whatever the
 * terminal's tab width. Everything that comes from the analyzed code (file
 * names, lines, messages quoting it) goes through text_escape first.
 */
#include "emit_text.h"

#include "escape.h"
#include "fix.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BOLD "\033[1m"
#define MAGENTA "\033[1;35m"
#define CYAN "\033[1;36m"
#define GREEN "\033[1;32m"
#define RESET "\033[0m"

int color_mode_parse(const char *s, ColorMode *out) {
  if (strcmp(s, "auto") == 0)
    *out = COLOR_AUTO;
  else if (strcmp(s, "always") == 0)
    *out = COLOR_ALWAYS;
  else if (strcmp(s, "never") == 0)
    *out = COLOR_NEVER;
  else
    return -1;
  return 0;
}

bool color_decide(ColorMode mode, bool is_tty, const char *term, const char *no_color) {
  if (mode != COLOR_AUTO) return mode == COLOR_ALWAYS;
  if (no_color && *no_color) return false;
  return is_tty && !(term && strcmp(term, "dumb") == 0);
}

bool text_want_color(ColorMode mode, FILE *out) {
  return color_decide(mode, isatty(fileno(out)), getenv("TERM"), getenv("NO_COLOR"));
}

typedef struct Emitter {
  FILE *out;
  const TextOptions *o;
  SourceCache *sources;
  Arena *scratch; /* escaped strings */
} Emitter;

static const char *esc(const Emitter *e, const char *s) {
  return text_escape_str(e->scratch, s);
}

static const char *paint(const Emitter *e, const char *color) {
  return e->o->color ? color : "";
}

static void put_loc(const Emitter *e, Loc loc) {
  fputs(paint(e, BOLD), e->out);
  if (!loc.file)
    fputs("connlint", e->out);
  else if (loc.line <= 0)
    fputs(esc(e, loc.file), e->out);
  else if (loc.col <= 0)
    fprintf(e->out, "%s:%d", esc(e, loc.file), loc.line);
  else
    fprintf(e->out, "%s:%d:%d", esc(e, loc.file), loc.line, loc.col);
  fprintf(e->out, ":%s ", paint(e, RESET));
}

static void put_note(const Emitter *e, Loc loc, const char *msg) {
  put_loc(e, loc);
  fprintf(e->out, "%snote:%s %s\n", paint(e, CYAN), paint(e, RESET), esc(e, msg));
}

/* The quoted line and the caret under byte column `col`. */
static void put_source(const Emitter *e, Loc loc) {
  if (!loc.file || loc.line <= 0) return;
  size_t len;
  const char *line = srcfile_line(srccache_get(e->sources, loc.file), loc.line, &len);
  if (!line) return;
  fprintf(e->out, "%5d | %s\n", loc.line, text_escape(e->scratch, line, len));
  fputs("      | ", e->out);
  /* One column per character of the escaped line (as a terminal shows
     UTF-8), the tabs repeated; `col` counts bytes. */
  size_t upto = (size_t)(loc.col - 1);
  for (size_t i = 0; i < upto;) {
    if (i >= len) {
      fputc(' ', e->out);
      i++;
    } else if (line[i] == '\t') {
      fputc('\t', e->out);
      i++;
    } else {
      size_t n;
      int w = text_escape_width(line + i, len - i, &n);
      for (int k = 0; k < w; k++)
        fputc(' ', e->out);
      i += n;
    }
  }
  fprintf(e->out, "%s^%s\n", paint(e, GREEN), paint(e, RESET));
}

/* "also leaks at line 60" / "also leaks at lines 52, 60 and 71" */
static void put_other_leak_points(const Emitter *e, const Finding *f) {
  int n = f->nleak_points - 1;
  if (n < 1) return;
  put_loc(e, f->leak_points[1]);
  fprintf(e->out, "%snote:%s also leaks at line%s ", paint(e, CYAN), paint(e, RESET),
          n > 1 ? "s" : "");
  for (int i = 1; i <= n; i++) {
    const char *sep = i == 1 ? "" : i == n ? " and " : ", ";
    fprintf(e->out, "%s%d", sep, f->leak_points[i].line);
  }
  fputc('\n', e->out);
}

static void put_finding(const Emitter *e, const Finding *f) {
  put_loc(e, f->loc);
  fprintf(e->out, "%swarning:%s %s [%s%s%s]\n", paint(e, MAGENTA), paint(e, RESET),
          esc(e, f->message), paint(e, MAGENTA), esc(e, f->rule_id), paint(e, RESET));
  if (e->o->quiet) return;
  put_source(e, f->loc);
  for (int i = 0; i < f->nsteps; i++)
    put_note(e, f->steps[i].loc, f->steps[i].msg);
  put_other_leak_points(e, f);
  if (f->confirmation) { /* connlint confirm's verdict */
    put_loc(e, f->loc);
    fprintf(e->out, "%snote:%s %s at run time: %s\n", paint(e, CYAN), paint(e, RESET),
            f->confirmation, f->confirm_evidence ? f->confirm_evidence : "");
  }
  if (f->nfixes) {
    Arena a;
    arena_init(&a);
    Fix fix;
    if (fix_make(f, srccache_get(e->sources, f->fixes[0].exit.file), &a, &fix))
      put_note(e, fix.site->exit, arena_printf(&a, "fix-it: %s", fix.title));
    arena_free(&a);
  }
}

static int cmp_ptr(const void *a, const void *b) {
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  return x < y ? -1 : x > y;
}

static void put_summary(const Emitter *e, const FindingList *fl) {
  int active = 0, suppressed = 0, files = 0;
  Arena a;
  arena_init(&a);
  const char **names = ARENA_ARRAY(&a, const char *, fl->findings.len + 1);
  for (int i = 0; i < fl->findings.len; i++) {
    const Finding *f = fl->findings.data[i];
    if (f->suppressed)
      suppressed++;
    else
      names[active++] = f->loc.file;
  }
  /* File names are interned per list: distinct pointers, distinct files. */
  qsort(names, (size_t)active, sizeof *names, cmp_ptr);
  for (int i = 0; i < active; i++)
    files += i == 0 || names[i] != names[i - 1];
  arena_free(&a);
  if (active == 0)
    fputs("no findings", e->out);
  else
    fprintf(e->out, "%d finding%s in %d file%s", active, active == 1 ? "" : "s", files,
            files == 1 ? "" : "s");
  if (suppressed && e->o->baselined)
    fprintf(e->out, " (%d suppressed, %d in baseline)", suppressed, e->o->baselined);
  else if (suppressed)
    fprintf(e->out, " (%d suppressed)", suppressed);
  else if (e->o->baselined)
    fprintf(e->out, " (%d in baseline)", e->o->baselined);
  fputc('\n', e->out);
}

void text_emit_notes(FILE *out, const FindingList *fl, const TextOptions *o) {
  Arena scratch;
  arena_init(&scratch);
  Emitter e = {out, o, o->sources, &scratch};
  for (int i = 0; i < fl->notes.len; i++) {
    const Note *n = fl->notes.data[i];
    put_note(&e, n->loc, n->msg);
  }
  arena_free(&scratch);
}

void text_emit(FILE *out, const FindingList *fl, const TextOptions *o) {
  SourceCache own;
  Arena scratch;
  arena_init(&scratch);
  Emitter e = {out, o, o->sources, &scratch};
  if (!e.sources) {
    srccache_init(&own);
    e.sources = &own;
  }
  for (int i = 0; i < fl->findings.len; i++) {
    const Finding *f = fl->findings.data[i];
    if (!f->suppressed) put_finding(&e, f);
  }
  if (!o->quiet) {
    for (int i = 0; i < fl->notes.len; i++) {
      const Note *n = fl->notes.data[i];
      put_note(&e, n->loc, n->msg);
    }
    put_summary(&e, fl);
  }
  if (e.sources == &own) srccache_free(&own);
  arena_free(&scratch);
}
