/*
 * The identity option parser freeing the user-name copy when the group is
 * rejected. Both copies escape into the options struct on success.
 */
#include <stdlib.h>
#include <string.h>

struct daemon_opts {
  char *user;
  char *group;
};

int opts_parse_identity(struct daemon_opts *o, const char *user, const char *group) {
  if (!user || !*user) return -1;
  char *u = strdup(user);
  if (!u) return -1;

  if (!group || strchr(group, ':') != NULL) {
    free(u);
    return -1;
  }
  char *g = strdup(group);
  if (!g) {
    free(u);
    return -1;
  }
  o->user = u;
  o->group = g;
  return 0;
}
