/*
 * The version probe closing the pipe stream on the empty-output path too.
 * pclose() is the matching release for popen(). Nothing is reported.
 */
#include <stdio.h>
#include <string.h>

int tool_version(const char *tool, char *out, size_t cap) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, "%s --version 2>/dev/null", tool);

  FILE *p = popen(cmd, "r");
  if (p == NULL) return -1;

  if (fgets(out, (int)cap, p) == NULL) {
    pclose(p);
    return -1;
  }
  out[strcspn(out, "\n")] = '\0';

  return pclose(p) == 0 ? 0 : -1;
}
