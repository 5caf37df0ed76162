/*
 * The resolv-file watcher of watch_dir_interior_good.c, where the entry
 * keeps a copy of the name part instead of a pointer into the path: then
 * nothing points into the path copy any more, and it leaks on every call
 * that succeeds. One memory leak, at the first strdup().
 */
#include <stdlib.h>
#include <string.h>

struct watch {
  char *file;
  struct watch *next;
};

static struct watch *watches;

int watch_resolv_file(const char *name) {
  char *path = strdup(name); // expect: connlint-memory-leak
  if (!path) return -1;
  char *slash = strrchr(path, '/');
  if (!slash) {
    free(path);
    return -1;
  }
  struct watch *w = malloc(sizeof *w);
  if (!w) {
    free(path);
    return -1;
  }
  w->file = strdup(slash + 1);
  if (!w->file) {
    free(w);
    free(path);
    return -1;
  }
  w->next = watches;
  watches = w;
  return 0;
}
