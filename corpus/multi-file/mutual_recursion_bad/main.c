/* Exercises (with walk.c, visit.c): the entry point of the walk. */
#include "walk.h"

#include <stdio.h>

int main(int argc, char **argv) {
  struct walk_stats st = {0, 0, 0};
  if (walk_dir(argc > 1 ? argv[1] : ".", 0, &st) < 0) {
    perror("walk");
    return 1;
  }
  printf("%zu files, %zu dirs, %zu bytes\n", st.files, st.dirs, st.bytes);
  return 0;
}
