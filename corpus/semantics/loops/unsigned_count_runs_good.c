/*
 * A batch writer: a nonzero size_t count means the loop body runs at least
 * once, so the stream is always flushed and closed by the `wrote` branch.
 */
#include <stddef.h>
#include <stdio.h>

int write_batch(const char *path, const char *const *lines, size_t n) {
  FILE *fp = fopen(path, "w");
  if (!fp) return -1;
  if (n == 0) {
    fclose(fp);
    return 0;
  }
  int wrote = 0;
  for (size_t i = 0; i < n; i++) {
    wrote = 1;
    if (fputs(lines[i], fp) == EOF) break;
  }
  if (wrote) fclose(fp);
  return 0;
}
