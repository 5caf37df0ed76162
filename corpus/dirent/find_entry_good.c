/*
 * The plugin search recording the match and breaking out of the loop, so
 * closedir() runs on both the found and not-found paths. The dirent pointer
 * borrows storage owned by the DIR and needs no release of its own.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

int plugin_find(const char *dir, const char *name, char *path, size_t cap) {
  DIR *d = opendir(dir);
  if (!d) return -1;

  struct dirent *de;
  size_t nlen = strlen(name);
  int found = 0;
  while ((de = readdir(d)) != NULL) {
    if (strncmp(de->d_name, name, nlen) == 0 && strcmp(de->d_name + nlen, ".so") == 0) {
      snprintf(path, cap, "%s/%s", dir, de->d_name);
      found = 1;
      break;
    }
  }
  closedir(d);
  return found;
}
