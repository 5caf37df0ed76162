/*
 * Looks for a config file in the user's directory, then falls back to the
 * system one, reusing the same variable. The second assignment happens only
 * when the first fopen() returned NULL, so it overwrites nothing owned: not
 * a lost reference. The stream is returned to the caller.
 */
#include <stdio.h>
#include <stdlib.h>

FILE *config_open(const char *name) {
  char path[512];
  const char *home = getenv("HOME");
  FILE *fp = NULL;
  if (home) {
    snprintf(path, sizeof path, "%s/.config/%s", home, name);
    fp = fopen(path, "r");
  }
  if (!fp) {
    snprintf(path, sizeof path, "/etc/%s", name);
    fp = fopen(path, "r");
  }
  return fp;
}
