/*
 * The log scanner skips files that are not plain text by peeking at the
 * first byte, and that `continue` comes after fopen() but before fclose():
 * the stream is still owned when its scope (the loop body) ends. A leak at
 * fopen().
 */
#include <stdio.h>
#include <string.h>

long count_errors(char **paths, int n) {
  long total = 0;
  char line[1024];
  for (int i = 0; i < n; i++) {
    FILE *fp = fopen(paths[i], "r"); // expect: connlint-file-leak
    if (!fp) {
      perror(paths[i]);
      continue;
    }
    int c = fgetc(fp);
    if (c == EOF || c == 0x1f || c == 0x7f) continue;
    ungetc(c, fp);
    while (fgets(line, sizeof line, fp))
      if (strstr(line, "ERROR")) total++;
    fclose(fp);
  }
  return total;
}
