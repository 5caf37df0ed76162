/* Exercises: a help table filled by copying a whole struct into a global
   array at a computed index; the argument vector allocated into the struct
   travels with the copy, so it belongs to the table, not to this function. */
#include <stdlib.h>
#include <string.h>

struct help_entry {
  char **argv;
  int argc;
  const char *group;
};

static struct help_entry help_table[64];
static int help_len;

int add_groups(const char *const *groups, int n) {
  struct help_entry tmp;
  for (int i = 0; i < n && help_len < 64; i++) {
    tmp.argc = 1;
    tmp.argv = malloc(sizeof(char *));
    if (!tmp.argv) return -1;
    tmp.argv[0] = strdup(groups[i]);
    tmp.group = groups[i];
    help_table[help_len++] = tmp;
  }
  return 0;
}
