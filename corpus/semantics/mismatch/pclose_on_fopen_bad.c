/*
 * A helper takes either a command ("|cmd") or a file name, opening the first
 * with popen() and the second with fopen(), but always closes with
 * pclose(). On the fopen() path, pclose() gets a stream it did not open: a
 * mismatched release at the pclose() call. On the popen() path the release
 * is right; the finding is about the fopen() path only.
 */
#include <stdio.h>

long count_lines_from(const char *src) {
  FILE *in;
  if (src[0] == '|')
    in = popen(src + 1, "r");
  else
    in = fopen(src, "r");
  if (!in) return -1;

  long n = 0;
  int c;
  while ((c = getc(in)) != EOF)
    if (c == '\n') n++;
  pclose(in); // expect: connlint-mismatched-release
  return n;
}
