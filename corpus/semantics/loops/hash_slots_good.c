/*
 * A code generator collects the distinct type names of its symbols in an
 * open-addressing table sized from the symbol count: the table is cleared
 * by a loop over its size, each new name is copied into the slot its hash
 * probes to (wrapping to slot 0), and a last loop over the same size
 * prints and frees every occupied slot. A name can only be stored when
 * the clearing loop ran, so the freeing loop runs too and covers the slot,
 * whatever index the hash chose. No finding.
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
  char **types = calloc((size_t)size, sizeof(char *));
  if (types == NULL) {
    fprintf(stderr, "out of memory\n");
    exit(1);
  }
  for (int i = 0; i < size; i++)
    types[i] = NULL;
  for (int i = 0; i < nsym; i++) {
    const char *dt = syms[i]->datatype;
    if (dt == NULL) continue;
    unsigned hash = 0;
    for (int j = 0; dt[j]; j++)
      hash = hash * 53 + (unsigned char)dt[j];
    hash = (hash & 0x7fffffff) % (unsigned)size;
    while (types[hash]) {
      if (strcmp(types[hash], dt) == 0) break;
      hash++;
      if (hash >= (unsigned)size) hash = 0;
    }
    syms[i]->dtnum = (int)hash + 1;
    if (types[hash] == NULL) {
      types[hash] = malloc(strlen(dt) + 1);
      if (types[hash] == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(1);
      }
      strcpy(types[hash], dt);
    }
  }
  fprintf(out, "typedef union {\n");
  for (int i = 0; i < size; i++) {
    if (types[i] == NULL) continue;
    fprintf(out, "  %s yy%d;\n", types[i], i + 1);
    free(types[i]);
  }
  fprintf(out, "} YYMINORTYPE;\n");
  free(types);
}
