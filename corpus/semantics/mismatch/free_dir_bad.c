/*
 * Checks whether a spool directory is empty and releases the DIR* with
 * free() instead of closedir(): the directory descriptor inside it stays
 * open. A mismatched release at the free() call.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

int spool_empty(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return -1;
  int empty = 1;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
      empty = 0;
      break;
    }
  }
  free(d); // expect: connlint-mismatched-release
  return empty;
}
