/*
 * escape.h - making text from the analyzed code safe to print on a terminal.
 *
 * File names, quoted source lines and messages that quote the code may hold
 * ESC and other control bytes, which would clear the screen, set the window
 * title or hide text, and newlines, which would split an output line. Text
 * output shows them the way clang does: a control character as <U+001B>, a
 * byte that is not UTF-8 as <FF>. Tabs are kept (the caret line relies on
 * them). SARIF needs none of this: JSON escapes control characters itself.
 */
#ifndef CONNLINT_ESCAPE_H
#define CONNLINT_ESCAPE_H

#include "arena.h"

#include <stddef.h>

/* s[0..n) escaped, NUL-terminated, in `a`. */
char *text_escape(Arena *a, const char *s, size_t n);
char *text_escape_str(Arena *a, const char *s); /* s may be NULL: NULL */

/* How many columns the escaped form of the character at s[0..n) takes, and
   its length in bytes (*len >= 1). A tab counts as 1: callers repeat it. */
int text_escape_width(const char *s, size_t n, size_t *len);

#endif
