/* Exercises (with main.c): a helper in another file that leaks its own
   FILE* on the malformed-line path: reported in the helper, while its
   caller in main.c stays clean. */
#include "cache.h"

#include <stdio.h>
#include <string.h>

int cache_load(struct cache *c, const char *path) {
  FILE *f = fopen(path, "r"); // expect: connlint-file-leak
  if (!f) return -1;
  char line[160];
  c->n = 0;
  while (c->n < CACHE_MAX && fgets(line, sizeof line, f)) {
    char *eq = strchr(line, '=');
    if (!eq) return -1;
    *eq = '\0';
    eq[1 + strcspn(eq + 1, "\n")] = '\0';
    snprintf(c->key[c->n], sizeof c->key[0], "%s", line);
    snprintf(c->val[c->n], sizeof c->val[0], "%s", eq + 1);
    c->n++;
  }
  fclose(f);
  return c->n;
}

const char *cache_get(const struct cache *c, const char *key) {
  for (int i = 0; i < c->n; i++)
    if (strcmp(c->key[i], key) == 0) return c->val[i];
  return NULL;
}
