/* Exercises (with visit.c, main.c): mutual recursion across files; the
   DIR* is closed on every path out of walk_dir, including the error
   coming back from the recursive visit. */
#include "walk.h"

#include <dirent.h>
#include <string.h>

int walk_dir(const char *path, int depth, struct walk_stats *st) {
  if (depth > 32) return -1;
  DIR *d = opendir(path);
  if (!d) return -1;
  st->dirs++;
  int ret = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (visit_entry(path, e->d_name, depth, st) < 0) {
      ret = -1;
      break;
    }
  }
  closedir(d);
  return ret;
}
