/*
 * An argument vector filled with argv[argc++] = strdup(..) and, when the
 * input ends early, freed in a loop over argc before the array itself: the
 * release loop covers every element the fill loop stored, however many
 * turns it took (issue 16, item 4). Redis' protocol parser and ACL code
 * build their sds vectors this way.
 */
#include <stdlib.h>
#include <string.h>

char **split_words(const char *p, int n) {
  char **argv = malloc(sizeof(char *) * (size_t)n);
  if (argv == NULL) return NULL;
  int argc = 0;
  while (argc < n) {
    if (*p == '\0') goto fail;
    argv[argc++] = strdup(p);
    p += strlen(p) + 1;
  }
  return argv;
fail:
  for (int i = 0; i < argc; i++)
    free(argv[i]);
  free(argv);
  return NULL;
}
