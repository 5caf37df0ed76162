/*
 * Frees the getline() buffer inside the loop and resets it to NULL, so the
 * next call allocates afresh. But the final getline() call that returns -1
 * at end of file has also allocated a buffer (line was NULL, so it had to),
 * and nothing frees it after the loop: a leak at the getline() call. The
 * per-line free()s are correct.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long sum_numbers(FILE *in) {
  char *line = NULL;
  size_t cap = 0;
  long sum = 0;
  while (getline(&line, &cap, in) > 0) { // expect: connlint-memory-leak
    sum += strtol(line, NULL, 10);
    free(line);
    line = NULL;
    cap = 0;
  }
  return sum;
}
