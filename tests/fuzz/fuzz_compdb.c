/*
 * fuzz_compdb.c - libFuzzer target: the compilation-database reader
 * (compdb_load).
 *
 * compdb_load reads compile_commands.json from a directory (its own JSON
 * check, then libclang's loader), so each input is written to that file in
 * a scratch directory made once per process. Half of the runs also name a
 * file, which exercises the matching of named files against entries.
 */
#include "compdb.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!dir[0]) {
    snprintf(dir, sizeof dir, "/tmp/connlint-fuzz-compdb-XXXXXX");
    if (!mkdtemp(dir)) abort();
  }
  char path[128];
  snprintf(path, sizeof path, "%s/compile_commands.json", dir);
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  fwrite(data, 1, size, f);
  fclose(f);
  JobList jl;
  joblist_init(&jl);
  char err[1024];
  char name[128];
  snprintf(name, sizeof name, "%s/a.c", dir);
  char *files[] = {name};
  compdb_load(&jl, dir, files, size % 2, err, sizeof err);
  joblist_free(&jl);
  return 0;
}
