/*
 * The vhost loader closing the file right after the inner loop, before
 * testing the flag, so both the found and not-found paths release it.
 */
#include <stdio.h>
#include <string.h>

int find_default_vhost(char **files, int n, char *name, int cap) {
  char line[256];
  int found = 0;
  for (int i = 0; i < n && !found; i++) {
    FILE *fp = fopen(files[i], "r");
    if (!fp) continue;
    while (fgets(line, sizeof line, fp)) {
      if (strncmp(line, "default", 7) == 0) {
        snprintf(name, (size_t)cap, "%s", files[i]);
        found = 1;
        break;
      }
    }
    fclose(fp);
    if (found) break;
  }
  return found;
}
