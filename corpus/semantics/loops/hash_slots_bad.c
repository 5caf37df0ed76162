/*
 * The same type table, where a grammar without symbols still gets a
 * default type: it is copied into slot 0 after the program itself tested
 * that the table is empty, and the freeing loop over the table's size
 * (zero) never reaches it. The test, not a loop assumed not to run, makes
 * that path real: the default's copy leaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct symbol {
  const char *name;
  const char *datatype;
  int dtnum;
};

void print_type_union(FILE *out, struct symbol **syms, int nsym) {
  int size = nsym * 2;
  char **types = calloc((size_t)size + 1, sizeof(char *));
  if (types == NULL) {
    fprintf(stderr, "out of memory\n");
    exit(1);
  }
  for (int i = 0; i < size; i++)
    types[i] = NULL;
  if (size <= 0) {
    types[0] = strdup("void *"); // expect: connlint-memory-leak
    if (types[0] == NULL) exit(1);
  }
  for (int i = 0; i < size; i++) {
    if (types[i] == NULL) continue;
    fprintf(out, "  %s yy%d;\n", types[i], i + 1);
    free(types[i]);
  }
  free(types);
}
