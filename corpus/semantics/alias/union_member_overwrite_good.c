/*
 * The tokenizer freeing the text before storing the number over it, and a
 * buffer handle filled through one union member and released through
 * another: `h.ptr` and `h.text` are the same storage, so free(h.text)
 * releases what was stored as h.ptr.
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
    free(t.u.word);
    t.kind = TOK_NUM;
    t.u.num = n;
    printf("number %ld\n", t.u.num);
    return TOK_NUM;
  }
  printf("word %s\n", t.u.word);
  free(t.u.word);
  return TOK_WORD;
}

union buf_handle {
  void *ptr;
  char *text;
};

int conf_echo(const char *text) {
  union buf_handle h;
  h.ptr = malloc(strlen(text) + 2);
  if (!h.ptr) return -1;
  sprintf(h.text, "%s\n", text);
  fputs(h.text, stdout);
  free(h.text);
  return 0;
}
