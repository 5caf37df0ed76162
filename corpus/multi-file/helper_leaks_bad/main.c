/* Exercises (with cache.c): a caller of a leaky helper; nothing is acquired
   here, so nothing may be reported here. */
#include "cache.h"

#include <stdio.h>

int main(int argc, char **argv) {
  struct cache c;
  if (argc < 3 || cache_load(&c, argv[1]) < 0) {
    fprintf(stderr, "usage: lookup FILE KEY\n");
    return 2;
  }
  const char *v = cache_get(&c, argv[2]);
  if (!v) return 1;
  puts(v);
  return 0;
}
