/*
 * Asks an external tool for its version string through popen(). When the
 * tool prints nothing, fgets() fails and the function returns -1 without
 * pclose(), leaking the stream (and leaving a zombie child). One leak, at
 * the popen() call.
 */
#include <stdio.h>
#include <string.h>

int tool_version(const char *tool, char *out, size_t cap) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, "%s --version 2>/dev/null", tool);

  FILE *p = popen(cmd, "r"); // expect: connlint-file-leak
  if (p == NULL) return -1;

  if (fgets(out, (int)cap, p) == NULL) return -1;
  out[strcspn(out, "\n")] = '\0';

  return pclose(p) == 0 ? 0 : -1;
}
