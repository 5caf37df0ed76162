/*
 * Spools a request body to an anonymous temporary file before handing it to
 * a slow consumer. If the body is larger than the limit, the function bails
 * out without fclose(): the tmpfile() stream leaks on that path.
 */
#include <stdio.h>
#include <unistd.h>

long spool_body(int sock, long limit, long (*consume)(FILE *)) {
  FILE *spool = tmpfile(); // expect: connlint-file-leak
  if (!spool) return -1;

  char buf[4096];
  long total = 0;
  ssize_t n;
  while ((n = read(sock, buf, sizeof buf)) > 0) {
    total += n;
    if (total > limit) return -1;
    if (fwrite(buf, 1, (size_t)n, spool) != (size_t)n) {
      fclose(spool);
      return -1;
    }
  }
  rewind(spool);
  long r = consume(spool);
  fclose(spool);
  return r;
}
