/*
 * The spooler with one cleanup point: every failure sets the result and
 * leaves the loop, then the stream is closed once. The call through the
 * `consume` function pointer has no body and no rule, so the stream would
 * count as escaped there; it is released right after anyway.
 */
#include <stdio.h>
#include <unistd.h>

long spool_body(int sock, long limit, long (*consume)(FILE *)) {
  FILE *spool = tmpfile();
  if (!spool) return -1;

  char buf[4096];
  long total = 0, r = 0;
  ssize_t n;
  while ((n = read(sock, buf, sizeof buf)) > 0) {
    total += n;
    if (total > limit || fwrite(buf, 1, (size_t)n, spool) != (size_t)n) {
      r = -1;
      break;
    }
  }
  if (r == 0) {
    rewind(spool);
    r = consume(spool);
  }
  fclose(spool);
  return r;
}
