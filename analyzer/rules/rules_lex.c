/*
 * rules_lex.c - splits rule file text into tokens.
 *
 * Columns are 1-based byte offsets within the line, as compilers print
 * them, so an editor jumps to the offending token.
 */
#include "rules_lex_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void lex_init(Lexer *lx, const char *text, Arena *a) {
  lx->p = text;
  lx->line_start = text;
  lx->line = 1;
  lx->bol = true;
  lx->a = a;
}

static bool is_word_char(char c) {
  return isalnum((unsigned char)c) || c == '_';
}

static const char *lex_number(Lexer *lx, Token *t) {
  const char *start = lx->p;
  const char *digits = *start == '-' ? start + 1 : start;
  bool hex = digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
  errno = 0;
  char *end;
  t->num = strtol(start, &end, hex ? 16 : 10);
  t->kind = TK_INT;
  t->len = (int)(end - start);
  if (is_word_char(*end)) {
    while (is_word_char(*end))
      end++;
    t->len = (int)(end - start);
    lx->p = end;
    return "malformed number";
  }
  lx->p = end;
  if (errno == ERANGE) return "number out of range";
  return NULL;
}

static const char *lex_string(Lexer *lx, Token *t) {
  Buf b = {0};
  const char *s = lx->p + 1;
  t->kind = TK_STRING;
  for (;;) {
    char c = *s;
    if (c == '\0' || c == '\n') {
      lx->p = s;
      t->len = (int)(s - t->text);
      return "unterminated string";
    }
    s++;
    if (c == '"') break;
    if (c == '\\') {
      char e = *s;
      switch (e) {
      case '"':
      case '\\': c = e; break;
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      default:
        /* Point at the backslash, not the string. */
        t->col += (int)(s - 1 - t->text);
        t->text = s - 1;
        t->len = e ? 2 : 1;
        lx->p = e ? s + 1 : s;
        return "unknown escape in string (use \\\", \\\\, \\n or \\t)";
      }
      s++;
    }
    buf_putc(lx->a, &b, c);
  }
  lx->p = s;
  t->len = (int)(s - t->text);
  t->str = arena_strdup(lx->a, buf_str(lx->a, &b));
  return NULL;
}

static bool lex_cmp(Lexer *lx, Token *t) {
  static const struct {
    const char *s;
    CmpOp op;
  } ops[] = {{"==", CMP_EQ}, {"!=", CMP_NE}, {"<=", CMP_LE},
             {">=", CMP_GE}, {"<", CMP_LT},  {">", CMP_GT}};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    size_t n = strlen(ops[i].s);
    if (strncmp(lx->p, ops[i].s, n) == 0) {
      t->kind = TK_CMP;
      t->cmp = ops[i].op;
      t->len = (int)n;
      lx->p += n;
      return true;
    }
  }
  return false;
}

const char *lex_next(Lexer *lx, Token *t) {
  /* Blanks and comments. */
  for (;;) {
    char c = *lx->p;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
      lx->p++;
    else if (c == '#')
      while (*lx->p && *lx->p != '\n')
        lx->p++;
    else
      break;
  }

  memset(t, 0, sizeof *t);
  t->text = lx->p;
  t->line = lx->line;
  t->col = (int)(lx->p - lx->line_start) + 1;
  t->bol = lx->bol;
  lx->bol = false;

  char c = *lx->p;
  if (c == '\0') {
    t->kind = TK_EOF;
    return NULL;
  }
  if (c == '\n') {
    t->kind = TK_NEWLINE;
    t->len = 1;
    lx->p++;
    lx->line++;
    lx->line_start = lx->p;
    lx->bol = true;
    return NULL;
  }
  if (isalpha((unsigned char)c) || c == '_') {
    const char *s = lx->p;
    while (is_word_char(*s) || (*s == '-' && is_word_char(s[1])))
      s++;
    if (*s == '*') s++;
    t->kind = TK_WORD;
    t->len = (int)(s - lx->p);
    lx->p = s;
    return NULL;
  }
  if (isdigit((unsigned char)c) || (c == '-' && isdigit((unsigned char)lx->p[1])))
    return lex_number(lx, t);
  if (c == '"') return lex_string(lx, t);
  if (c == '-' && lx->p[1] == '>') {
    t->kind = TK_PUNCT;
    t->len = 2;
    lx->p += 2;
    return NULL;
  }
  if (lex_cmp(lx, t)) return NULL;
  if (strchr("{}:;,[]()*.", c)) {
    t->kind = TK_PUNCT;
    t->len = 1;
    lx->p++;
    return NULL;
  }
  t->len = 1;
  lx->p++;
  if (c == '=') return "unexpected '=' (comparisons are written ==)";
  if (c == '!') return "unexpected '!' (comparisons are written !=)";
  if (isprint((unsigned char)c)) return arena_printf(lx->a, "unexpected character '%c'", c);
  return arena_printf(lx->a, "unexpected byte 0x%02x", (unsigned char)c);
}
