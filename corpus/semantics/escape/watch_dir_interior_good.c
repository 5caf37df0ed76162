/*
 * A resolver that watches the directories of its resolv files: for each
 * file it keeps the directory part and, in the global watch list, a
 * pointer to the file name inside the same copy (`strrchr(path, '/') + 1`).
 * The copy is never freed, and never needs to be: the list entry still
 * points into it, so it stays reachable for the process's life. No
 * finding.
 */
#include <stdlib.h>
#include <string.h>

struct watch {
  const char *file; /* the name part of a resolv file's path */
  struct watch *next;
};

static struct watch *watches;

int watch_resolv_file(const char *name) {
  char *path = strdup(name);
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
  *slash = '\0'; /* path is the directory now */
  w->file = slash + 1;
  w->next = watches;
  watches = w;
  return 0;
}
