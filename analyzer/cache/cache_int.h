/*
 * cache_int.h - the cache stage's shared helpers: one-token strings in the
 * line-based texts the stage writes (entries, findings, attributes), and
 * reading those texts back line by line.
 */
#ifndef CONNLINT_CACHE_INT_H
#define CONNLINT_CACHE_INT_H

#include "cache.h"

/* A string as one token: "=" and the text with space, '%', tab, CR and
   newline escaped as %XX; NULL as "~". */
void tok_put(Arena *a, Buf *out, const char *s);
/* The string tok_put wrote (in a), NULL for "~"; *ok false when t is not a
   token tok_put writes. */
const char *tok_get(Arena *a, const char *t, bool *ok);

/* The next line of *p (modified in place), NULL at the end. */
char *next_line(char **p);

/* Splits a line (modified in place) into at most max tokens at spaces. */
int tok_split(char *line, char **tok, int max);

#endif
