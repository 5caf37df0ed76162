/* Exercises (with buf.c): a buffer on the stack initialized by buf_init and
   released by buf_reset(&b) on every path, including the read error. */
#include "buf.h"

#include <stdio.h>
#include <string.h>

int count_words(FILE *in, size_t *words) {
  struct buf b;
  if (buf_init(&b, 256) < 0) return -1;
  char chunk[512];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
    if (buf_append(&b, chunk, n) < 0) {
      buf_reset(&b);
      return -1;
    }
  }
  if (ferror(in)) {
    buf_reset(&b);
    return -1;
  }
  *words = 0;
  for (char *t = strtok(b.data, " \t\n"); t; t = strtok(NULL, " \t\n"))
    (*words)++;
  buf_reset(&b);
  return 0;
}
