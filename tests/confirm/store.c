/* store.c - file copies and checksums of the test program. */
#include "app.h"
#include "netio.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bug: when the destination cannot be opened, the source stays open. */
int copy_file(const char *src, const char *dst) {
  char buf[256];
  FILE *in = fopen(src, "r");
  if (in == NULL)
    return -1;
  FILE *out = fopen(dst, "w");
  if (out == NULL)
    return -1;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    fwrite(buf, 1, n, out);
  fclose(in);
  fclose(out);
  return 0;
}

/* A false alarm: record_len() never returns a negative length, so the
   early return that would leak fd cannot happen. */
int checksum_file(const char *path) {
  char buf[128];
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  int len = record_len(path);
  if (len < 0)
    return -1;
  unsigned sum = 0;
  ssize_t got;
  while (len > 0 && (got = read(fd, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < got; i++)
      sum += (unsigned char)buf[i];
    len -= (int)got;
  }
  close(fd);
  return (int)(sum & 0x7fff);
}

/* Bug: when the journal write fails, the lock is still held. */
int counter_bump(struct counter *c) {
  pthread_mutex_lock(&c->mu);
  c->value++;
  char line[32];
  int n = snprintf(line, sizeof line, "%ld\n", c->value);
  if (write(c->journal, line, (size_t)n) < 0)
    return -1;
  pthread_mutex_unlock(&c->mu);
  return 0;
}

/* Bug, but nothing calls it: the buffer leaks when the file cannot be
   created. */
int legacy_export(const char *path, const char *text) {
  char *copy = malloc(strlen(text) + 1);
  if (copy == NULL)
    return -1;
  strcpy(copy, text);
  FILE *f = fopen(path, "w");
  if (f == NULL)
    return -1;
  fputs(copy, f);
  fclose(f);
  free(copy);
  return 0;
}
