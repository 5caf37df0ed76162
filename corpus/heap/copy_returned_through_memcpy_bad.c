/*
 * The same copy, but the helper returns early when the parsed list is
 * empty, after allocating the array: that path leaks it. The other path
 * hands it to the caller through memcpy()'s result. One leak, at malloc().
 */
#include <stdlib.h>
#include <string.h>

struct piece {
  const char *ptr;
  size_t len;
};

struct piece *pieces_dup(const struct piece *parsed, size_t used) {
  struct piece *copy = malloc((used + 1) * sizeof *copy); // expect: connlint-memory-leak
  if (!copy) return NULL;
  if (used == 0) return NULL;
  return memcpy(copy, parsed, (used + 1) * sizeof *copy);
}
