/*
 * Runs `git rev-parse HEAD` through popen() and closes the stream with
 * fclose() instead of pclose(): the child is never waited for and becomes a
 * zombie. A mismatched release at the fclose() call.
 */
#include <stdio.h>
#include <string.h>

int git_head(char *out, int cap) {
  FILE *p = popen("git rev-parse HEAD 2>/dev/null", "r");
  if (!p) return -1;
  int ok = fgets(out, cap, p) != NULL;
  fclose(p); // expect: connlint-mismatched-release
  if (!ok) return -1;
  out[strcspn(out, "\n")] = '\0';
  return 0;
}
