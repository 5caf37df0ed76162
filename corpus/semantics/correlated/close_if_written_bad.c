/*
 * Exports matching records to a CSV file but closes it only when at least
 * one record was written (the author meant to delete empty exports). With
 * no matching record, `written` stays 0 and the stream is still open at
 * return: a leak at fopen().
 */
#include <stdio.h>
#include <string.h>

struct record {
  const char *user;
  long bytes;
};

int export_csv(const char *path, const struct record *r, int n, const char *user) {
  FILE *fp = fopen(path, "w"); // expect: connlint-file-leak
  if (!fp) return -1;

  int written = 0;
  for (int i = 0; i < n; i++) {
    if (strcmp(r[i].user, user) != 0) continue;
    fprintf(fp, "%s,%ld\n", r[i].user, r[i].bytes);
    written++;
  }
  if (written > 0)
    fclose(fp);
  else
    remove(path);
  return written;
}
