/*
 * A virtual-host module copies its parsed path pieces into a new array and
 * returns it as memcpy()'s result: memcpy returns its destination, so the
 * array goes to the caller, who keeps it in the module's configuration.
 * No finding.
 */
#include <stdlib.h>
#include <string.h>

struct piece {
  const char *ptr;
  size_t len;
};

struct piece *pieces_dup(const struct piece *parsed, size_t used) {
  struct piece *copy = malloc((used + 1) * sizeof *copy);
  if (!copy) return NULL;
  return memcpy(copy, parsed, (used + 1) * sizeof *copy);
}
