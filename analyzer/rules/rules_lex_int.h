/*
 * rules_lex_int.h - tokens of the rule language (internal to rules_parse.c).
 *
 * The language is line-oriented, so newlines are tokens; the parser decides
 * where they may be skipped. Words run over letters, digits, '_' and inner
 * '-' (rule ids: connlint-fd-leak) and keep a '*' that touches their end
 * (name patterns: redisConnect*).
 */
#ifndef CONNLINT_RULES_LEX_INT_H
#define CONNLINT_RULES_LEX_INT_H

#include "rules.h"

typedef enum {
  TK_EOF,
  TK_NEWLINE,
  TK_WORD,
  TK_INT,
  TK_STRING,
  TK_PUNCT, /* { } : ; , [ ] ( ) * . -> */
  TK_CMP,   /* == != < <= > >= */
} TokKind;

typedef struct Token {
  TokKind kind;
  const char *text; /* the token as written (a string's quotes included) */
  int len;
  int line, col;
  bool bol;        /* first token of its line */
  long num;        /* TK_INT */
  const char *str; /* TK_STRING: contents, escapes decoded */
  CmpOp cmp;       /* TK_CMP */
} Token;

typedef struct Lexer {
  const char *p;
  const char *line_start;
  int line;
  bool bol;
  Arena *a; /* decoded strings */
} Lexer;

void lex_init(Lexer *lx, const char *text, Arena *a);

/* Reads the next token into *t. Returns NULL, or a message for a malformed
   token, whose position is then in *t. */
const char *lex_next(Lexer *lx, Token *t);

#endif
