/*
 * A shell-like tokenizer keeps a token's text or its number in one union.
 * For a numeric token the number is stored over the strdup()'d text: the
 * members of a union are one storage, so that store loses the text's last
 * reference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tok_kind { TOK_WORD, TOK_NUM };

struct token {
  enum tok_kind kind;
  union {
    char *word;
    long num;
  } u;
};

int token_show(const char *s) {
  struct token t;
  t.kind = TOK_WORD;
  t.u.word = strdup(s);
  if (!t.u.word) return -1;
  if (s[0] >= '0' && s[0] <= '9') {
    long n = strtol(t.u.word, NULL, 10);
    t.kind = TOK_NUM;
    t.u.num = n; // expect: connlint-lost-reference
    printf("number %ld\n", t.u.num);
    return TOK_NUM;
  }
  printf("word %s\n", t.u.word);
  free(t.u.word);
  return TOK_WORD;
}
