/*
 * A report generator writes to stdout unless an output path is given. The
 * close test compares the stream with stdout: a stream fopen() just returned
 * is a new object, never equal to the stdout it was not, so on the path
 * where the file was opened `out != stdout` holds and it is closed.
 */
#include <stdio.h>

int write_report(const char *out_path, const char *const *lines, int n) {
  FILE *out = stdout;
  if (out_path) {
    out = fopen(out_path, "w");
    if (!out) return -1;
  }

  for (int i = 0; i < n; i++)
    fprintf(out, "%s\n", lines[i]);

  if (out != stdout) fclose(out);
  return 0;
}
