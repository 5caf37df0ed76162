/*
 * emit_text.h - findings for people: gcc-style diagnostics.
 *
 *   src/net.c:41:12: warning: socket 'fd' is not closed ... [connlint-fd-leak]
 *      41 |   int fd = socket(AF_INET, SOCK_STREAM, 0);
 *         |            ^
 *   src/net.c:43:7: note: assuming connect() fails
 *   src/net.c:44:5: note: taking the early return at line 44
 *   src/net.c:60:5: note: also leaks at line 60
 *   ...
 *   3 findings in 2 files (1 suppressed)
 *
 * The `file:line:col: warning:` and `note:` lines are what editors'
 * problem matchers and compilation modes parse, so their shape never
 * changes; the quoted source line and caret, colors and the summary are for
 * the person reading. Suppressed findings are not printed, only counted.
 */
#ifndef CONNLINT_EMIT_TEXT_H
#define CONNLINT_EMIT_TEXT_H

#include "finding.h"
#include "srccache.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } ColorMode;

/* "auto", "always", "never" (--color=WHEN); -1 for anything else. */
int color_mode_parse(const char *s, ColorMode *out);

/* The --color decision: `auto` colors only a terminal whose TERM is not
   "dumb", and never when NO_COLOR is set to a non-empty value. */
bool color_decide(ColorMode mode, bool is_tty, const char *term, const char *no_color);

/* color_decide for a stream, reading isatty and the environment. */
bool text_want_color(ColorMode mode, FILE *out);

typedef struct TextOptions {
  bool color; /* ANSI colors (decided by text_want_color) */
  bool quiet; /* only the `warning:` lines: no source, notes or summary */
  /* Where source lines come from; NULL: the emitter reads files itself. */
  SourceCache *sources;
  int baselined; /* findings dropped by --baseline, mentioned in the summary */
} TextOptions;

void text_emit(FILE *out, const FindingList *fl, const TextOptions *o);

/* Only the run's notes (analysis cut short, inputs skipped): under --quiet
   they go to standard error, since a silent cut would read as "no findings". */
void text_emit_notes(FILE *out, const FindingList *fl, const TextOptions *o);

#endif
