/*
 * A cleanup ladder missing a rung: the label for the second stream was
 * never written, so a failure after opening the index jumps to
 * `close_data`, which closes only the data stream. The index stream leaks
 * on that path: a leak at its fopen(). The success path closes both.
 */
#include <stdio.h>

int pack_write(const char *data_path, const char *idx_path, const void *blob, size_t len) {
  int rc = -1;
  FILE *data = fopen(data_path, "wb");
  if (!data) goto out;
  FILE *idx = fopen(idx_path, "wb"); // expect: connlint-file-leak
  if (!idx) goto close_data;
  long off = ftell(data);
  if (off < 0) goto close_data;
  if (fwrite(blob, 1, len, data) != len) goto close_data;
  if (fprintf(idx, "%ld %zu\n", off, len) < 0) goto close_data;
  rc = 0;
  fclose(idx);
close_data:
  fclose(data);
out:
  return rc;
}
