/*
 * Sets a connection's label. The author called strdup() expecting it to
 * copy into `c->label`, and copied the pointer to the caller's string
 * instead. The duplicate is dropped as soon as it is made: an ignored result
 * at the strdup() call.
 */
#include <string.h>

struct conn {
  const char *label;
  int fd;
};

void conn_set_label(struct conn *c, const char *label) {
  strdup(label); // expect: connlint-ignored-result
  c->label = label;
}
