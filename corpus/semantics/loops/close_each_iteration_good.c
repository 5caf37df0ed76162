/*
 * A log scanner opens each file named on the command line, counts the lines
 * containing "ERROR", and closes it before moving to the next. Each
 * iteration owns one stream and releases it on every way out of the
 * iteration, so the loop reaches a fixpoint with nothing owned.
 */
#include <stdio.h>
#include <string.h>

long count_errors(char **paths, int n) {
  long total = 0;
  char line[1024];
  for (int i = 0; i < n; i++) {
    FILE *fp = fopen(paths[i], "r");
    if (!fp) {
      perror(paths[i]);
      continue;
    }
    while (fgets(line, sizeof line, fp))
      if (strstr(line, "ERROR")) total++;
    fclose(fp);
  }
  return total;
}
