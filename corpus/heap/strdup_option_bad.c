/*
 * Parses `--user=NAME` and `--group=NAME` for a daemon. The user name is
 * strdup()'d into a local; when the group is invalid the function returns
 * -1 and the copy is never freed. On success both names move into the
 * options struct reached through the parameter, so they are the caller's.
 */
#include <stdlib.h>
#include <string.h>

struct daemon_opts {
  char *user;
  char *group;
};

int opts_parse_identity(struct daemon_opts *o, const char *user, const char *group) {
  if (!user || !*user) return -1;
  char *u = strdup(user); // expect: connlint-memory-leak
  if (!u) return -1;

  if (!group || strchr(group, ':') != NULL) return -1;
  char *g = strdup(group);
  if (!g) {
    free(u);
    return -1;
  }
  o->user = u;
  o->group = g;
  return 0;
}
