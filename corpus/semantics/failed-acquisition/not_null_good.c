/*
 * Reads the first line of two status files. The first FILE* is tested with
 * `!fa`, the idiom most stdio code uses, the second with `NULL == fb` (yoda
 * style); each NULL branch owns nothing but what was opened before it. Both
 * streams are closed on every path where they exist.
 */
#include <stdio.h>
#include <string.h>

int read_two(const char *a, const char *b, char *out_a, char *out_b, int cap) {
  FILE *fa = fopen(a, "r");
  if (!fa) return -1;
  FILE *fb = fopen(b, "r");
  if (NULL == fb) {
    fclose(fa);
    return -1;
  }

  int ok = fgets(out_a, cap, fa) != NULL && fgets(out_b, cap, fb) != NULL;
  fclose(fb);
  fclose(fa);
  return ok ? 0 : -1;
}
