/*
 * Loads `key = value` lines into a fixed settings struct. A line without '='
 * is a syntax error and the function returns -1 straight from the loop,
 * leaving the FILE* from fopen() open. fgets() and sscanf() only borrow.
 * One leak, at the fopen() call.
 */
#include <stdio.h>
#include <string.h>

struct settings {
  int port;
  int workers;
  char root[256];
};

int settings_load(struct settings *s, const char *path) {
  FILE *fp = fopen(path, "r"); // expect: connlint-file-leak
  if (!fp) return -1;

  char line[512];
  int lineno = 0;
  while (fgets(line, sizeof line, fp)) {
    lineno++;
    if (line[0] == '#' || line[0] == '\n') continue;
    char *eq = strchr(line, '=');
    if (!eq) {
      fprintf(stderr, "%s:%d: expected key = value\n", path, lineno);
      return -1;
    }
    *eq = '\0';
    if (strncmp(line, "port", 4) == 0)
      sscanf(eq + 1, "%d", &s->port);
    else if (strncmp(line, "workers", 7) == 0)
      sscanf(eq + 1, "%d", &s->workers);
    else if (strncmp(line, "root", 4) == 0)
      sscanf(eq + 1, " %255s", s->root);
  }
  fclose(fp);
  return 0;
}
