/*
 * Looks for a plugin by name in a plugin directory. When readdir() finds
 * the entry, the function copies the name and returns 1 at once, skipping
 * closedir(): the DIR* from opendir() leaks on that path. The not-found path
 * closes it.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

int plugin_find(const char *dir, const char *name, char *path, size_t cap) {
  DIR *d = opendir(dir); // expect: connlint-dir-leak
  if (!d) return -1;

  struct dirent *de;
  size_t nlen = strlen(name);
  while ((de = readdir(d)) != NULL) {
    if (strncmp(de->d_name, name, nlen) == 0 && strcmp(de->d_name + nlen, ".so") == 0) {
      snprintf(path, cap, "%s/%s", dir, de->d_name);
      return 1;
    }
  }
  closedir(d);
  return 0;
}
