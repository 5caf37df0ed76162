/*
 * A command-line tool's setup: when the output file cannot be written it
 * prints a message and calls exit(1) while the input file is still open.
 * exit() never returns and the process teardown closes everything, so that
 * path ends without a leak report (reporting exit paths is an option, off
 * by default). The normal path closes both files.
 */
#include <stdio.h>
#include <stdlib.h>

void convert(const char *in_path, const char *out_path) {
  FILE *in = fopen(in_path, "r");
  if (!in) {
    perror(in_path);
    exit(1);
  }
  FILE *out = fopen(out_path, "w");
  if (!out) {
    perror(out_path);
    exit(1);
  }
  int c;
  while ((c = fgetc(in)) != EOF)
    fputc(c == '\r' ? '\n' : c, out);
  fclose(out);
  fclose(in);
}
