/*
 * The input helper done right: a flag remembers whether the stream came
 * from popen() or fopen(), and the matching release is called. Both
 * families are released by their own function on every path.
 */
#include <stdbool.h>
#include <stdio.h>

long count_lines_from(const char *src) {
  bool piped = src[0] == '|';
  FILE *in;
  if (piped)
    in = popen(src + 1, "r");
  else
    in = fopen(src, "r");
  if (!in) return -1;

  long n = 0;
  int c;
  while ((c = getc(in)) != EOF)
    if (c == '\n') n++;
  if (piped)
    pclose(in);
  else
    fclose(in);
  return n;
}
