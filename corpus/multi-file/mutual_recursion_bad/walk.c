/* Exercises (with visit.c, main.c): mutual recursion across files; the
   DIR* leaks when the recursive visit fails, because that path returns
   straight away. */
#include "walk.h"

#include <dirent.h>
#include <string.h>

int walk_dir(const char *path, int depth, struct walk_stats *st) {
  if (depth > 32) return -1;
  DIR *d = opendir(path); // expect: connlint-dir-leak
  if (!d) return -1;
  st->dirs++;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (visit_entry(path, e->d_name, depth, st) < 0) return -1;
  }
  closedir(d);
  return 0;
}
