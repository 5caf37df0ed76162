/*
 * Reads a small token file. The stream is released with free() instead of
 * fclose(): the FILE* came from fopen(), so this is a release from the wrong
 * family (the buffer is not flushed, the descriptor stays open). A
 * mismatched release at the free() call; the stream counts as handled there,
 * so there is no separate leak report.
 */
#include <stdio.h>
#include <stdlib.h>

int token_read(const char *path, char *tok, int cap) {
  FILE *fp = fopen(path, "r");
  if (!fp) return -1;
  int ok = fgets(tok, cap, fp) != NULL;
  free(fp); // expect: connlint-mismatched-release
  return ok ? 0 : -1;
}
