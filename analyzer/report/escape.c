/*
 * escape.c - clang-style escaping of control characters and invalid UTF-8
 * for text output (see escape.h).
 */
#include "escape.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Decodes one UTF-8 character; returns its byte length, or 0 when s does
   not start with a well-formed one (overlong forms and surrogates too). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
  unsigned c = s[0];
  size_t len;
  unsigned min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xc2 && c <= 0xdf) {
    len = 2, min = 0x80, c &= 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3, min = 0x800, c &= 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4, min = 0x10000, c &= 0x07;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    c = (c << 6) | (s[i] & 0x3f);
  }
  if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
  *cp = c;
  return len;
}

static bool is_control(unsigned cp) {
  return (cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp <= 0x9f);
}

/* Writes the escaped form of the character at s into buf (at least 16
   bytes) and returns its length; *len gets the bytes consumed. buf NULL:
   returns the column width only. */
static int escape_one(const char *s, size_t n, size_t *len, char *buf) {
  unsigned cp;
  size_t l = utf8_decode((const unsigned char *)s, n, &cp);
  if (l == 0) {
    *len = 1;
    if (buf) snprintf(buf, 16, "<%02X>", (unsigned char)s[0]);
    return 4;
  }
  *len = l;
  if (is_control(cp)) {
    if (buf) snprintf(buf, 16, "<U+%04X>", cp);
    return 8;
  }
  if (buf) {
    memcpy(buf, s, l);
    buf[l] = '\0';
  }
  return buf ? (int)l : 1;
}

int text_escape_width(const char *s, size_t n, size_t *len) {
  return escape_one(s, n, len, NULL);
}

char *text_escape(Arena *a, const char *s, size_t n) {
  Buf b = {0};
  char one[16];
  for (size_t i = 0; i < n;) {
    size_t len;
    escape_one(s + i, n - i, &len, one);
    buf_puts(a, &b, one);
    i += len;
  }
  return (char *)buf_str(a, &b);
}

char *text_escape_str(Arena *a, const char *s) {
  return s ? text_escape(a, s, strlen(s)) : NULL;
}
