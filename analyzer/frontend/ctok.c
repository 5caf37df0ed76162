/*
 * ctok.c - raw tokens of source text, for the few places that read what
 * libclang's C API does not expose: attributes (attrs.c), macro definitions
 * (macro.c) and the text of a call written as a macro (srcloc.c).
 *
 * It knows identifiers, literals, `##` and `...`, and skips blanks, comments
 * and backslash-newlines; that is all those readers need. It depends on
 * nothing else in the front end, which keeps srcloc.c and macro.c from
 * calling each other.
 */
#include "frontend_int.h"

#include <ctype.h>
#include <string.h>

static bool ident_char(int c) {
  return isalnum(c) || c == '_' || c == '$';
}

bool ctok_next(const char *text, size_t size, size_t *off, Tok *t, bool stop_nl) {
  size_t i = *off;
  for (;;) {
    if (i >= size) return false;
    char c = text[i];
    if (c == '\\' && i + 1 < size && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      i += 2;
    } else if (c == '\n') {
      if (stop_nl) return false;
      i++;
    } else if (isspace((unsigned char)c)) {
      i++;
    } else if (c == '/' && i + 1 < size && text[i + 1] == '*') {
      for (i += 2; i + 1 < size && !(text[i] == '*' && text[i + 1] == '/'); i++)
        ;
      i = i + 2 < size ? i + 2 : size;
    } else if (c == '/' && i + 1 < size && text[i + 1] == '/') {
      while (i < size && text[i] != '\n')
        i++;
    } else {
      break;
    }
  }
  size_t start = i;
  char c = text[i];
  if (ident_char((unsigned char)c)) {
    while (i < size && ident_char((unsigned char)text[i]))
      i++;
  } else if (c == '"' || c == '\'') {
    for (i++; i < size && text[i] != c && text[i] != '\n'; i++)
      if (text[i] == '\\') i++;
    if (i < size) i++;
  } else if (c == '#' && i + 1 < size && text[i + 1] == '#') {
    i += 2;
  } else if (c == '.' && i + 2 < size && text[i + 1] == '.' && text[i + 2] == '.') {
    i += 3;
  } else {
    i++;
  }
  t->p = text + start;
  t->len = (int)(i - start);
  *off = i;
  return true;
}

bool ctok_is(Tok t, const char *s) {
  return (size_t)t.len == strlen(s) && memcmp(t.p, s, (size_t)t.len) == 0;
}

bool ctok_ident(Tok t) {
  return t.len > 0 && (isalpha((unsigned char)t.p[0]) || t.p[0] == '_');
}

bool ctok_define_body_at(const char *text, size_t off) {
  /* Back to the start of the logical line (a newline not escaped). */
  size_t i = off;
  while (i > 0 && !(text[i - 1] == '\n' && !(i >= 2 && text[i - 2] == '\\')))
    i--;
  Tok t;
  if (!ctok_next(text, off, &i, &t, false) || !ctok_is(t, "#")) return false;
  if (!ctok_next(text, off, &i, &t, false) || !ctok_is(t, "define")) return false;
  if (!ctok_next(text, off, &i, &t, false) || !ctok_ident(t)) return false;
  if (i < off && text[i] == '(') {
    while (ctok_next(text, off, &i, &t, false) && !ctok_is(t, ")"))
      ;
  }
  /* Nothing but blanks between the name (or parameters) and off. */
  return !ctok_next(text, off, &i, &t, false);
}
