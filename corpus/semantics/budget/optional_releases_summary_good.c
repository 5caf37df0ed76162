/*
 * A request's teardown helper frees whichever optional buffers the request
 * had, each under its own flag, then hands back a fresh status line, which
 * its caller frees. The helper's summary, folded from joined paths, says
 * it returns heap memory and releases each field only on some paths: the
 * caller owes the line and nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct req_bufs {
  char *a, *b, *c, *d, *e, *f, *g, *h, *i, *j;
};

static char *finish_request(struct req_bufs *r, unsigned flags, int status) {
  if (flags & 0x001) free(r->a);
  if (flags & 0x002) free(r->b);
  if (flags & 0x004) free(r->c);
  if (flags & 0x008) free(r->d);
  if (flags & 0x010) free(r->e);
  if (flags & 0x020) free(r->f);
  if (flags & 0x040) free(r->g);
  if (flags & 0x080) free(r->h);
  if (flags & 0x100) free(r->i);
  if (flags & 0x200) free(r->j);
  char *line = malloc(32);
  if (!line) return NULL;
  snprintf(line, 32, "HTTP/1.1 %d\r\n", status);
  return line;
}

int end_request(struct req_bufs *r, unsigned flags, int status) {
  char *line = finish_request(r, flags, status);
  if (!line) return -1;
  int n = (int)strlen(line);
  free(line);
  return n;
}
