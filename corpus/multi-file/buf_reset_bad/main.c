/* Exercises (with buf.c): the buffer's data, acquired by buf_init into
   b.data, leaks on the read-error return that forgets buf_reset(&b). */
#include "buf.h"

#include <stdio.h>
#include <string.h>

int count_words(FILE *in, size_t *words) {
  struct buf b;
  if (buf_init(&b, 256) != 0) // expect: connlint-memory-leak
    return -1;
  char chunk[512];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
    if (buf_append(&b, chunk, n) < 0) {
      buf_reset(&b);
      return -1;
    }
  }
  if (ferror(in)) return -1;
  *words = 0;
  for (char *t = strtok(b.data, " \t\n"); t; t = strtok(NULL, " \t\n"))
    (*words)++;
  buf_reset(&b);
  return 0;
}
