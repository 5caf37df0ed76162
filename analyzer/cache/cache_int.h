/*
 * cache_int.h - the cache stage's shared helpers: one-token strings in the
 * line-based texts the stage writes (entries, findings, attributes),
 * reading those texts back line by line, and the file-digest memo.
 */
#ifndef CONNLINT_CACHE_INT_H
#define CONNLINT_CACHE_INT_H

#include "cache.h"

#include <sys/types.h>
#include <time.h>

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

/* What stat(2) says of a file, as the memo compares it (memo.c). */
typedef struct MemoStat {
  dev_t dev;
  ino_t ino;
  off_t size;
  struct timespec mtime, ctime;
} MemoStat;

/* false when path is not a regular file that can be stat'ed. */
bool memo_stat(const char *path, MemoStat *st);
/* The remembered digest of path, when st still matches what it was read at. */
bool memo_get(CacheMemo *m, const char *path, const MemoStat *st, Digest *out);
/* Remembers d as path's digest, read when stat said st. */
void memo_put(CacheMemo *m, const char *path, const MemoStat *st, Digest d);

#endif
