/*
 * One `out:` label guarded by sentinel values: every handle starts as
 * "nothing" (-1 or NULL) and the label releases only what was acquired.
 * Jumps from before an acquisition see the sentinel and skip its release;
 * the guards test the same variables the acquisitions assigned.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int convert_config(const char *in_path, const char *out_path) {
  int rc = -1;
  int in = -1;
  FILE *out = NULL;
  char *buf = NULL;

  in = open(in_path, O_RDONLY);
  if (in < 0) goto out;
  out = fopen(out_path, "w");
  if (!out) goto out;
  buf = malloc(4096);
  if (!buf) goto out;

  ssize_t n;
  while ((n = read(in, buf, 4096)) > 0)
    if (fwrite(buf, 1, (size_t)n, out) != (size_t)n) goto out;
  rc = n == 0 ? 0 : -1;
out:
  free(buf);
  if (out) fclose(out);
  if (in >= 0) close(in);
  return rc;
}
