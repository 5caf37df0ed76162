/*
 * A virtual-host loader walks config directories (outer loop) and the lines
 * of each vhost file (inner loop). Finding a `default` line breaks out of
 * the inner loop and then out of the outer loop with a flag, skipping the
 * fclose() at the end of the outer body. The stream leaks on that path: a
 * leak at fopen().
 */
#include <stdio.h>
#include <string.h>

int find_default_vhost(char **files, int n, char *name, int cap) {
  char line[256];
  int found = 0;
  for (int i = 0; i < n && !found; i++) {
    FILE *fp = fopen(files[i], "r"); // expect: connlint-file-leak
    if (!fp) continue;
    while (fgets(line, sizeof line, fp)) {
      if (strncmp(line, "default", 7) == 0) {
        snprintf(name, (size_t)cap, "%s", files[i]);
        found = 1;
        break;
      }
    }
    if (found) break;
    fclose(fp);
  }
  return found;
}
